import Attacks
import MarginTestSupport
import Models
import Tensors
import Testing

/// Bad input stops with a sentence that names the attack and the problem.
@Suite("Attack errors")
struct AttackErrorTests {
    @Test("the messages, word for word")
    func messages() {
        #expect(AttackError.invalidParameter(attack: "fgsm", name: "epsilon", value: "-0.1", requirement: ">= 0").description
                == "fgsm needs epsilon >= 0, got -0.1")
        #expect(AttackError.emptyBatch(attack: "pgd").description == "pgd got an empty batch: there is nothing to attack")
        #expect(AttackError.labelCount(attack: "fgsm", inputs: 4, labels: 3).description
                == "fgsm got 4 input rows but 3 labels: give one label per row")
        #expect(AttackError.labelOutOfRange(attack: "deepFool", label: 3, classCount: 2).description
                == "deepFool: label 3 is out of range for a model with 2 classes")
        #expect(AttackError.logitShape(attack: "fgsm", shape: [4], batch: 4).description
                == "fgsm needs a model that returns logits [batch, classes] = [4, classes], got shape [4]")
        #expect(AttackError.unsupportedNorm(attack: "pgd", norm: .l1).description == "pgd supports the l2 and l_inf balls, got l1")
    }

    @Test("a negative epsilon")
    func negativeEpsilon() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            let model = Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &g)
            _ = fgsm(model, inputs: Tensor(zeros: [1, 2]), labels: [0], epsilon: -0.1)
        }
        #expect(standardError(of: result).contains("fgsm needs epsilon >= 0, got -0.1"))
    }

    @Test("a negative epsilon in a robustness sweep")
    func negativeEpsilonInSweep() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            let model = Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &g)
            _ = robustAccuracy(of: model, on: LabeledBatch(inputs: Tensor(zeros: [1, 2]), labels: [0]),
                               under: .pgd(epsilon: 0), epsilons: [0, -1])
        }
        #expect(standardError(of: result).contains("robustAccuracy needs epsilon >= 0, got -1.0"))
    }

    @Test("an empty batch")
    func emptyBatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            let model = Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &g)
            _ = pgd(model, inputs: Tensor(zeros: [0, 2]), labels: [], epsilon: 0.1)
        }
        #expect(standardError(of: result).contains("pgd got an empty batch: there is nothing to attack"))
    }

    @Test("a label out of range for the model")
    func labelOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            let model = Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &g)
            _ = deepFool(model, inputs: Tensor(zeros: [2, 2]), labels: [0, 3])
        }
        #expect(standardError(of: result).contains("deepFool: label 3 is out of range for a model with 2 classes"))
    }

    @Test("a label out of range for FGSM names FGSM, not the loss")
    func labelOutOfRangeFGSM() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            let model = Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &g)
            _ = fgsm(model, inputs: Tensor(zeros: [2, 2]), labels: [-1, 0], epsilon: 0.1)
        }
        #expect(standardError(of: result).contains("fgsm: label -1 is out of range for a model with 2 classes"))
    }

    @Test("a different number of labels and input rows")
    func labelCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            let model = Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &g)
            _ = iterativeFGSM(model, inputs: Tensor(zeros: [4, 2]), labels: [0, 1, 0], epsilon: 0.1)
        }
        #expect(standardError(of: result).contains("iterativeFGSM got 4 input rows but 3 labels: give one label per row"))
    }

    @Test("PGD in a norm it cannot project onto")
    func unsupportedNorm() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            let model = Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &g)
            _ = pgd(model, inputs: Tensor(zeros: [1, 2]), labels: [0], epsilon: 0.1, norm: .l1)
        }
        #expect(standardError(of: result).contains("pgd supports the l2 and l_inf balls, got l1"))
    }

    @Test("a negative noise level")
    func negativeNoise() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = addingGaussianNoise(to: Tensor<Float>(zeros: [1, 2]), standardDeviation: -0.5)
        }
        #expect(standardError(of: result).contains("gaussianNoise needs standardDeviation >= 0, got -0.5"))
    }

    @Test("an adversarial fraction outside [0, 1]")
    func badFraction() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let _: (Sequential<Float>, LabeledBatch<Float>) -> LabeledBatch<Float> =
                adversarialBatches(attack: .fgsm(epsilon: 0.1), fraction: 1.5)
        }
        #expect(standardError(of: result).contains("adversarialBatches needs fraction in [0, 1], got 1.5"))
    }
}
