import Foundation
import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("Losses")
struct LossTests {
    @Test("cross-entropy of equal logits is log(classes); its gradient is (softmax - onehot) / batch")
    func crossEntropyByHand() {
        let logits = Tensor<Double>([[0, 0, 0], [1, 2, 3]])
        let loss = softmaxCrossEntropy(logits: logits, labels: [1, 2])
        let e = [exp(1.0), exp(2.0), exp(3.0)]
        let z = e.reduce(0, +)
        expectClose(loss.scalar, (log(3) + -log(e[2] / z)) / 2, tolerance: 1e-12)
        let g = gradient(at: logits) { softmaxCrossEntropy(logits: $0, labels: [1, 2]) }
        expectClose(g, [1.0 / 6, -1.0 / 3, 1.0 / 6, e[0] / z / 2, e[1] / z / 2, (e[2] / z - 1) / 2], tolerance: 1e-12)
    }

    @Test("cross-entropy stays finite for huge logits")
    func crossEntropyStable() {
        let loss = softmaxCrossEntropy(logits: Tensor<Float>([[1000, -1000]]), labels: [1])
        #expect(loss.scalar == 2000)
    }

    @Test("mean squared error by hand, and its gradient by finite differences")
    func meanSquared() {
        let p = Tensor<Double>([1, 2, 4])
        expectClose(meanSquaredError(predicted: p, expected: Tensor([1, 0, 1])).scalar, (0 + 4 + 9) / 3.0)
        expectGradientMatchesFiniteDifferences(of: { meanSquaredError(predicted: $0, expected: Tensor([1, 0, 1])) }, at: p)
    }

    @Test("accuracy counts rows whose largest logit is the label")
    func accuracyCounts() {
        #expect(accuracy(logits: Tensor<Float>([[1, 2], [3, 0], [0, 5], [2, 1]]), labels: [1, 0, 0, 1]) == 0.5)
    }
}
