import Attacks
import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("Attack values")
struct AttackTests {
    @Test("each case crafts what its function crafts")
    func casesCallTheirFunctions() {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch()
        #expect(Attack.fgsm(epsilon: 0.1).perturb(x, labels: y, against: model, clippedTo: 0...1)
                == fgsm(model, inputs: x, labels: y, epsilon: 0.1, clippedTo: 0...1))
        #expect(Attack.iterativeFGSM(epsilon: 0.1).perturb(x, labels: y, against: model)
                == iterativeFGSM(model, inputs: x, labels: y, epsilon: 0.1))
        #expect(Attack.pgd(epsilon: 0.3, norm: .l2, iterations: 5, seed: 3).perturb(x, labels: y, against: model, clippedTo: 0...1)
                == pgd(model, inputs: x, labels: y, epsilon: 0.3, norm: .l2, iterations: 5, clippedTo: 0...1, seed: 3))
        #expect(Attack.deepFool().perturb(x, labels: y, against: model) == deepFool(model, inputs: x, labels: y))
        #expect(Attack.gaussianNoise(standardDeviation: 0.1, seed: 4).perturb(x, labels: y, against: model)
                == addingGaussianNoise(to: x, standardDeviation: 0.1, seed: 4))
    }

    @Test("withEpsilon changes only the size, and epsilon reads it back")
    func resizing() {
        #expect(Attack.fgsm(epsilon: 0.1).withEpsilon(0.2) == .fgsm(epsilon: 0.2))
        #expect(Attack.pgd(epsilon: 0.1, norm: .l2, stepSize: 0.01, iterations: 7, seed: 2).withEpsilon(0.5)
                == .pgd(epsilon: 0.5, norm: .l2, stepSize: 0.01, iterations: 7, seed: 2))
        #expect(Attack.iterativeFGSM(epsilon: 0.1).withEpsilon(0.3) == .iterativeFGSM(epsilon: 0.3))
        #expect(Attack.deepFool().withEpsilon(1.5) == .deepFool(overshoot: 0.02, maxIterations: 50, maxNorm: 1.5))
        #expect(Attack.gaussianNoise(standardDeviation: 0.1, seed: 9).withEpsilon(0.4) == .gaussianNoise(standardDeviation: 0.4, seed: 9))
        #expect(Attack.deepFool().epsilon == nil)
        #expect(Attack.pgd(epsilon: 0.25).epsilon == 0.25)
    }

    @Test("attacks print their names and settings")
    func descriptions() {
        #expect(Attack.fgsm(epsilon: 0.1).description == "FGSM (epsilon 0.1)")
        #expect(Attack.iterativeFGSM(epsilon: 0.1).description == "iterative FGSM (epsilon 0.1, Kurakin's step, Kurakin's iterations)")
        #expect(Attack.pgd(epsilon: 0.3).description == "PGD l_inf (epsilon 0.3, step 2.5 epsilon / iterations, 40 iterations, seed 0)")
        #expect(Attack.pgd(epsilon: 0.5, norm: .l2, stepSize: 0.1, iterations: 10, seed: 2).description
                == "PGD l2 (epsilon 0.5, step 0.1, 10 iterations, seed 2)")
        #expect(Attack.deepFool(maxNorm: 1).description == "DeepFool l2 (overshoot 0.02, at most 50 iterations, l2 budget 1.0)")
        #expect(Attack.gaussianNoise(standardDeviation: 0.2).description == "Gaussian noise (standard deviation 0.2, seed 0)")
        #expect(Attack.pgd(epsilon: 0.5, norm: .l2).name == "PGD l2")
    }
}
