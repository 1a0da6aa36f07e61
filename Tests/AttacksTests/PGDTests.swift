import Attacks
import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("PGD")
struct PGDTests {
    static func distances(_ a: Tensor<Double>, _ b: Tensor<Double>, _ norm: Norm) -> [Double] {
        norm == .l2 ? Fixtures.l2Distances(a, b) : Fixtures.lInfinityDistances(a, b)
    }

    @Test("the result stays in the epsilon ball and the data range", arguments: [Norm.lInfinity, .l2], [0.05, 0.3, 1.0])
    func staysInBallAndRange(norm: Norm, epsilon: Double) {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch(rows: 8)
        let adversarial = pgd(model, inputs: x, labels: y, epsilon: epsilon, norm: norm, iterations: 10, clippedTo: 0...1, seed: 5)
        #expect(Self.distances(adversarial, x, norm).allSatisfy { $0 <= epsilon * (1 + 1e-12) })
        #expect(adversarial.scalars.allSatisfy { (0...1).contains($0) })
    }

    @Test("without a data range the steps reach the sphere of the ball", arguments: [Norm.lInfinity, .l2])
    func reachesTheBoundary(norm: Norm) {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch(rows: 8)
        // Ten steps of 0.25 epsilon cross the ball; the loss keeps rising to its edge.
        let adversarial = pgd(model, inputs: x, labels: y, epsilon: 0.2, norm: norm, iterations: 10)
        for distance in Self.distances(adversarial, x, norm) { expectClose(distance, 0.2, tolerance: 1e-9) }
    }

    @Test("the same seed gives the same result; another seed another start", arguments: [Norm.lInfinity, .l2])
    func deterministic(norm: Norm) {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch(rows: 8)
        func run(seed: UInt64, iterations: Int) -> Tensor<Double> {
            pgd(model, inputs: x, labels: y, epsilon: 0.2, norm: norm, iterations: iterations, clippedTo: 0...1, seed: seed)
        }
        #expect(run(seed: 7, iterations: 3) == run(seed: 7, iterations: 3))
        // (After a few l_inf steps every start ends in the same corner, so compare the starts.)
        #expect(run(seed: 7, iterations: 0) == run(seed: 7, iterations: 0))
        #expect(run(seed: 7, iterations: 0) != run(seed: 8, iterations: 0))
    }

    @Test("the random start (no steps) lies in the ball and is not the clean input", arguments: [Norm.lInfinity, .l2])
    func randomStart(norm: Norm) {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch(rows: 200)
        let start = pgd(model, inputs: x, labels: y, epsilon: 0.1, norm: norm, iterations: 0, seed: 1)
        let distances = Self.distances(start, x, norm)
        #expect(distances.allSatisfy { $0 > 0 && $0 <= 0.1 * (1 + 1e-12) })
        // The l2 radius is uniform in [0, epsilon]: its mean is near epsilon / 2.
        if norm == .l2 { #expect(abs(distances.reduce(0, +) / 200 - 0.05) < 0.01) }
    }

    @Test("PGD raises the loss more than FGSM of the same l_inf size")
    func strongerThanFGSM() {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch(rows: 8)
        func loss(_ z: Tensor<Double>) -> Double { softmaxCrossEntropy(logits: model(z), labels: y).scalar }
        #expect(loss(pgd(model, inputs: x, labels: y, epsilon: 0.2)) >= loss(fgsm(model, inputs: x, labels: y, epsilon: 0.2)) - 1e-9)
    }
}
