import Attacks
import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("FGSM")
struct FGSMTests {
    @Test("without clipping every input moves by exactly epsilon in l_inf", arguments: [0.01, 0.1, 0.5])
    func movesByEpsilon(epsilon: Double) {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch()
        let adversarial = fgsm(model, inputs: x, labels: y, epsilon: epsilon)
        for distance in Fixtures.lInfinityDistances(adversarial, x) { expectClose(distance, epsilon, tolerance: 1e-12) }
        // Every coordinate moves by epsilon, not only the largest.
        for step in abs(adversarial - x).scalars { expectClose(step, epsilon, tolerance: 1e-12) }
    }

    @Test("each coordinate moves the way central finite differences of the loss say it rises")
    func signMatchesFiniteDifferences() {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch()
        let epsilon = 0.05
        let moved = ((fgsm(model, inputs: x, labels: y, epsilon: epsilon) - x) / epsilon).scalars
        func loss(_ values: [Double]) -> Double {
            softmaxCrossEntropy(logits: model(Tensor(shape: x.shape, scalars: values)), labels: y).scalar
        }
        let h = 1e-6
        var checked = 0
        for i in 0..<x.count {
            var plus = x.scalars, minus = x.scalars
            plus[i] += h
            minus[i] -= h
            let slope = (loss(plus) - loss(minus)) / (2 * h)
            guard abs(slope) > 1e-7 else { continue }
            checked += 1
            #expect(abs(moved[i] - (slope > 0 ? 1 : -1)) < 1e-9, "coordinate \(i): slope \(slope), moved \(moved[i])")
        }
        #expect(checked > x.count / 2)
    }

    @Test("the input gradient it follows matches finite differences of the loss")
    func inputGradientMatchesFiniteDifferences() {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch()
        expectGradientMatchesFiniteDifferences(of: { softmaxCrossEntropy(logits: model($0), labels: y) }, at: x)
        expectClose(inputGradient(of: model, inputs: x, labels: y), gradient(at: x) { softmaxCrossEntropy(logits: model($0), labels: y) })
    }

    @Test("the result stays in the data range, and epsilon 0 changes nothing")
    func clipping() {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch()
        let adversarial = fgsm(model, inputs: x, labels: y, epsilon: 0.3, clippedTo: 0...1)
        #expect(adversarial.scalars.allSatisfy { (0...1).contains($0) })
        #expect(Fixtures.lInfinityDistances(adversarial, x).allSatisfy { $0 <= 0.3 + 1e-12 })
        #expect(fgsm(model, inputs: x, labels: y, epsilon: 0) == x)
    }

    @Test("FGSM raises the loss, and another loss can be given")
    func raisesLoss() {
        let model = Fixtures.smoothNetwork()
        let (x, y) = Fixtures.batch()
        let before = softmaxCrossEntropy(logits: model(x), labels: y).scalar
        let after = softmaxCrossEntropy(logits: model(fgsm(model, inputs: x, labels: y, epsilon: 0.05)), labels: y).scalar
        #expect(after > before)
        // Descending instead (a negated loss) lowers it.
        let lowered = fgsm(model, inputs: x, labels: y, epsilon: 0.05) { -softmaxCrossEntropy(logits: $0, labels: $1) }
        #expect(softmaxCrossEntropy(logits: model(lowered), labels: y).scalar < before)
    }

    @Test("a Float model gives a constant result inside withoutGradientRecording")
    func floatAndRecordingOff() {
        var g = SeededGenerator(seed: 4)
        let model = Sequential<Float>.multilayerPerceptron(sizes: [3, 5, 2], using: &g)
        let x = Tensor<Float>(randomNormal: [4, 3], using: &g).requiringGradient()
        let adversarial = withoutGradientRecording { fgsm(model, inputs: x, labels: [0, 1, 1, 0], epsilon: 0.25) }
        #expect(!adversarial.requiresGradient)
        for step in abs(adversarial - x).scalars { expectClose(step, 0.25, tolerance: 1e-6) }
    }
}
