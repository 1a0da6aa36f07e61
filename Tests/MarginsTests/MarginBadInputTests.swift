import MarginTestSupport
import Margins
import Models
import Tensors
import Testing

/// Bad settings stop with a sentence that names the problem, never a NaN that trains silently.
@Suite("Bad input to the margin loss")
struct MarginBadInputTests {
    static func crash(_ configuration: MarginConfiguration, labels: [Int] = [0, 1], classes: Int = 2, differentiable: Bool = true) {
        let x = Tensor<Double>([[1, 2], [3, 4]])
        let input = differentiable ? x.requiringGradient() : x
        let logits = matmul(input, Tensor<Double>(ones: [2, classes]))
        _ = largeMarginLoss(logits: logits, labels: labels, activations: [input], configuration: configuration)
    }

    @Test("p < 1")
    func normBelowOne() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            MarginBadInputTests.crash(MarginConfiguration(norm: .lp(0.5)))
        }
        #expect(standardError(of: result).contains("the margin's norm needs p >= 1, got p = 0.5"))
    }

    @Test("gamma <= 0")
    func nonPositiveGamma() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            MarginBadInputTests.crash(MarginConfiguration(gamma: 0))
        }
        #expect(standardError(of: result).contains("gamma must be positive, got 0.0"))
    }

    @Test("a layer that is not on the model's path (not differentiable)")
    func layerOffPath() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            MarginBadInputTests.crash(MarginConfiguration(), differentiable: false)
        }
        #expect(standardError(of: result).contains("activation 0 (shape [2, 2]) is not a differentiable [batch, ...] tensor on the path to the logits"))
    }

    @Test("a label out of range, and a single class")
    func labels() async {
        let outOfRange = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            MarginBadInputTests.crash(MarginConfiguration(), labels: [0, 2])
        }
        #expect(standardError(of: outOfRange).contains("label 2 is out of range for 2 classes"))
        let oneClass = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            MarginBadInputTests.crash(MarginConfiguration(), labels: [0, 0], classes: 1)
        }
        #expect(standardError(of: oneClass).contains("the margin loss needs at least 2 classes, got 1"))
    }

    @Test("one gamma per layer, or one for all")
    func gammaCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            MarginBadInputTests.crash(MarginConfiguration(gammas: [1, 2]))
        }
        #expect(standardError(of: result).contains("the margin loss is measured at 1 layer(s) but was given 2 gammas: give one gamma, or one per layer"))
    }
}
