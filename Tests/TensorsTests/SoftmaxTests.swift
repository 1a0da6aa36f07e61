import Foundation
import MarginTestSupport
import Tensors
import Testing

/// A shape and the axis softmax normalises along.
struct SoftmaxCase: Sendable, CustomTestStringConvertible {
    let shape: [Int]
    let axis: Int

    var testDescription: String { "\(shape) along \(axis)" }

    static let all = [
        SoftmaxCase(shape: [5], axis: 0), SoftmaxCase(shape: [3, 4], axis: -1), SoftmaxCase(shape: [3, 4], axis: 0),
        SoftmaxCase(shape: [2, 3, 4], axis: 1), SoftmaxCase(shape: [2, 3, 1], axis: 2),
    ]
}

/// Mean cross-entropy of rows of `logits` against `labels`, through `logSoftmax`.
func crossEntropy(_ logits: Tensor<Double>, labels: [Int]) -> Tensor<Double> {
    let oneHot = Tensor<Double>(oneHot: labels, classCount: logits.shape[1])
    return -(oneHot * logSoftmax(logits)).sum() / Double(labels.count)
}

extension TensorsSuite {
    @Suite("softmax and logSoftmax")
    struct SoftmaxTests {
        @Test("softmax is exp(x) / sum(exp(x)) along the axis and logSoftmax is its log", arguments: SoftmaxCase.all)
        func values(c: SoftmaxCase) {
            let x = randomTensor(c.shape, seed: 90, in: -3..<3)
            let e = Tensor(shape: c.shape, scalars: x.scalars.map { Foundation.exp($0) })
            let expected = e / e.sum(alongAxes: [c.axis], keepingDimensions: true)
            expectClose(softmax(x, alongAxis: c.axis), expected, tolerance: 1e-14)
            expectClose(logSoftmax(x, alongAxis: c.axis), log(expected), tolerance: 1e-14)
            expectClose(
                softmax(x, alongAxis: c.axis).sum(alongAxes: [c.axis]),
                Tensor(ones: expected.sum(alongAxes: [c.axis]).shape))
        }

        @Test("hand-computed values: logSoftmax([0, 0]) = -log 2, softmax([0, log 2]) = [1/3, 2/3]")
        func handValues() {
            expectClose(
                logSoftmax(Tensor<Double>([0, 0])), [-Foundation.log(2.0), -Foundation.log(2.0)], tolerance: 1e-15)
            expectClose(softmax(Tensor<Double>([0, Foundation.log(2.0)])), [1.0 / 3, 2.0 / 3], tolerance: 1e-15)
            expectClose(logSoftmax(Tensor<Float>([[0, 0]])), [-0.6931472, -0.6931472], tolerance: 1e-6)
            expectClose(crossEntropy(Tensor([[0, 0, 0]]), labels: [2]).scalar, Foundation.log(3.0), tolerance: 1e-15)
        }

        @Test("large logits neither overflow nor give NaN, in Float and Double")
        func stability() {
            #expect(softmax(Tensor<Double>([1000, 0])).scalars == [1, 0])
            expectClose(logSoftmax(Tensor<Double>([1000, 0])), [0, -1000])
            #expect(softmax(Tensor<Float>([[100, 100]])).scalars == [0.5, 0.5])
            #expect(logSoftmax(Tensor<Float>([-200, 200])).isFinite)
            let g = gradient(at: Tensor<Double>([1000, 0, -1000])) {
                crossEntropy($0.reshaped(to: [1, 3]), labels: [1])
            }
            expectClose(g, [1, -1, 0])
        }

        @Test("adding a constant to the logits changes neither softmax nor logSoftmax")
        func shiftInvariance() {
            let x = randomTensor([3, 4], seed: 91)
            expectClose(softmax(x + 7.5), softmax(x), tolerance: 1e-14)
            expectClose(logSoftmax(x - 3), logSoftmax(x), tolerance: 1e-14)
        }

        @Test("the gradients of softmax and logSoftmax match finite differences", arguments: SoftmaxCase.all)
        func gradients(c: SoftmaxCase) {
            let x = randomTensor(c.shape, seed: 92, in: -2..<2)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(softmax($0, alongAxis: c.axis)) }, at: x)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(logSoftmax($0, alongAxis: c.axis)) }, at: x)
        }

        @Test("the gradient of cross-entropy is (softmax - one-hot) / batch")
        func crossEntropyGradient() {
            let logits = randomTensor([4, 3], seed: 93)
            let labels = [0, 2, 1, 2]
            let g = gradient(at: logits) { crossEntropy($0, labels: labels) }
            expectClose(g, (softmax(logits) - Tensor(oneHot: labels, classCount: 3)) / 4, tolerance: 1e-14)
        }

        @Test(
            "Hessian-vector products of cross-entropy through logSoftmax and through log(softmax) match finite differences"
        )
        func hessian() {
            let logits = randomTensor([4, 3], seed: 94, in: -2..<2)
            let v = randomTensor([4, 3], seed: 95)
            let labels = [1, 0, 2, 2]
            let oneHot = Tensor<Double>(oneHot: labels, classCount: 3)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { crossEntropy($0, labels: labels) }, at: logits, direction: v)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { -(oneHot * log(softmax($0))).sum() / 4 }, at: logits, direction: v)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { weightedSum(softmax($0, alongAxis: 0)) }, at: logits, direction: v)
            // Cross-entropy of a linear model: second derivatives in the weights.
            let x = randomTensor([4, 5], seed: 96)
            let w = randomTensor([5, 3], seed: 97)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { crossEntropy(matmul(x, $0), labels: labels) }, at: w, direction: randomTensor([5, 3], seed: 98))
        }
    }
}
