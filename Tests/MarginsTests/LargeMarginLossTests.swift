import Foundation
import MarginTestSupport
import Margins
import Models
import Tensors
import Testing

@Suite("Large-margin loss: gradients")
struct LargeMarginLossTests {
    /// A small tanh network (smooth, so finite differences are clean) and a batch.
    static func fixture(classes: Int = 3, seed: UInt64 = 11) -> (Sequential<Double>, Tensor<Double>, [Int]) {
        var g = SeededGenerator(seed: seed)
        let model = Sequential<Double>.multilayerPerceptron(sizes: [2, 5, 4, classes], activation: .tanh, using: &g)
        let x = Tensor<Double>(randomNormal: [6, 2], using: &g)
        return (model, x, (0..<6).map { $0 % classes })
    }

    static func loss(_ model: Sequential<Double>, _ x: Tensor<Double>, _ y: [Int], _ c: MarginConfiguration) -> Tensor<Double> {
        largeMarginLoss(model: model, inputs: x, labels: y, layers: [-1, 0, 1], configuration: c)
    }

    @Test("both gradient modes give the same loss value")
    func sameValue() {
        let (model, x, y) = Self.fixture()
        for aggregation in [MarginConfiguration.Aggregation.max, .sum, .topK(1)] {
            let exact = Self.loss(model, x, y, MarginConfiguration(gamma: 2, aggregation: aggregation, gradient: .exact))
            let first = Self.loss(model, x, y, MarginConfiguration(gamma: 2, aggregation: aggregation, gradient: .firstOrder))
            #expect(exact.scalar == first.scalar)
            #expect(exact.scalar > 0)
        }
    }

    @Test("the exact gradient matches finite differences of the loss", arguments: [Norm.l2, .l1, .lInfinity])
    func exactGradient(norm: Norm) {
        let (model, x, y) = Self.fixture()
        let configuration = MarginConfiguration(gammas: [3, 2, 1], norm: norm, aggregation: .sum, gradient: .exact)
        expectGradientMatchesFiniteDifferences(
            of: { parameters in
                var m = model
                m.parameters = parameters
                return Self.loss(m, x, y, configuration)
            }, at: model.parameters, tolerance: 1e-5)
    }

    @Test("the first-order gradient matches finite differences of the loss with the denominators frozen")
    func firstOrderGradient() {
        let (model, x, y) = Self.fixture(classes: 2)
        let gamma = 3.0
        let configuration = MarginConfiguration(gamma: gamma, norm: .l2, gradient: .firstOrder)
        let (_, gradient) = valueWithGradient(at: model) { m in
            largeMarginLoss(model: m, inputs: x, labels: y, layers: [-1], configuration: configuration)
        }
        // The denominators ||grad_x (f_i - f_y)|| at the starting parameters, then held fixed.
        let (frozenLogits, frozenInput) = { () -> (Tensor<Double>, Tensor<Double>) in
            let input = x.requiringGradient()
            return (model(input), input)
        }()
        let sign = Tensor<Double>(oneHot: y.map { 1 - $0 }, classCount: 2) - Tensor<Double>(oneHot: y, classCount: 2)
        let frozenGradient = gradients(of: (frozenLogits * sign).sum(alongAxes: [1]), withRespectTo: [frozenInput], seed: Tensor(ones: [6]))[0]
        let denominator = frozenGradient.norm(.l2, alongAxes: [1]) + 1e-6
        let withFrozenDenominator: ([Tensor<Double>]) -> Tensor<Double> = { parameters in
            var m = model
            m.parameters = parameters
            let difference = (m(x) * sign).sum(alongAxes: [1])
            return relu(difference / denominator + gamma).mean()
        }
        expectGradientMatchesFiniteDifferences(of: withFrozenDenominator, at: model.parameters, tolerance: 1e-6)
        // The first-order gradient is that function's gradient.
        var tracked = model.parameters.map { $0.requiringGradient() }
        let expected = gradients(of: withFrozenDenominator(tracked), withRespectTo: tracked)
        tracked.removeAll()
        for (a, b) in zip(gradient.parameters, expected) { expectClose(a, b, tolerance: 1e-10) }
    }

    @Test("a zero gradient norm gives a finite loss through epsilon, not NaN")
    func zeroGradientNorm() {
        var (model, x, y) = Self.fixture()
        model.parameters = model.parameters.map { Tensor(zeros: $0.shape) }
        for mode in [MarginConfiguration.GradientMode.firstOrder, .exact] {
            let (value, gradient) = valueWithGradient(at: model) { Self.loss($0, x, y, MarginConfiguration(gamma: 1, gradient: mode)) }
            #expect(value.scalar.isFinite)
            let finite = gradient.parameters.allSatisfy { $0.isFinite }
            #expect(finite)
        }
    }

    @Test("reference form: distances above gamma give zero gradient, below gamma (1 - alpha) are clamped")
    func referenceBounds() {
        // One input feature, two classes, logits (a x, -a x): a scales the probabilities'
        // gradient, so the distance d = (p_y - p_o) / |grad_x (p_y - p_o)| can be placed.
        func lossAndGradient(_ a: Double, x: Double, gamma: Double) -> (Double, Double) {
            let (value, g) = valueWithGradient(at: Tensor<Double>([a])) { w in
                let input = Tensor<Double>([[x]]).requiringGradient()
                let logits = matmul(input, Tensor<Double>([[1, -1]])) * w
                return largeMarginLoss(logits: logits, labels: [0], activations: [input],
                                       configuration: MarginConfiguration(gamma: gamma, norm: .l2, aggregation: .topK(1), gradient: .exact, form: .reference(alpha: 2)))
            }
            return (value.scalar, g.scalar)
        }
        // d = tanh(a x) / (2 a (1 - tanh^2(a x))): about 0.5 x for small a x.
        let (aboveValue, aboveGradient) = lossAndGradient(0.1, x: 2, gamma: 0.5)    // d ~ 1.0 > gamma
        #expect(aboveValue == -0.5)
        #expect(aboveGradient == 0)
        let (belowValue, belowGradient) = lossAndGradient(0.1, x: -4, gamma: 0.5)   // d ~ -2 < gamma (1 - 2) = -0.5
        expectClose(belowValue, 0.5 - (-0.5) - 0.5, tolerance: 1e-12)
        #expect(belowGradient == 0)
        let (_, insideGradient) = lossAndGradient(0.1, x: 0.4, gamma: 0.5)           // d ~ 0.2, inside the band
        #expect(insideGradient != 0)
    }

    @Test("a cross-entropy weight adds that multiple of cross-entropy, in value and gradient")
    func crossEntropyMix() {
        let (model, x, y) = Self.fixture()
        let plain = MarginConfiguration(gamma: 2, gradient: .exact)
        var mixed = plain
        mixed.crossEntropyWeight = 0.3
        let (a, ga) = valueWithGradient(at: model) { Self.loss($0, x, y, mixed) }
        let (b, gb) = valueWithGradient(at: model) { m in Self.loss(m, x, y, plain) + 0.3 * softmaxCrossEntropy(logits: m(x), labels: y) }
        expectClose(a.scalar, b.scalar, tolerance: 1e-12)
        for (p, q) in zip(ga.parameters, gb.parameters) { expectClose(p, q, tolerance: 1e-10) }
    }

    @Test("multi-class hinge by hand")
    func hinge() {
        let logits = Tensor<Double>([[2, 0, 1.5], [0, 0, 0]])
        // row 0 (y = 0): max(0, 1 - 2 + 0) + max(0, 1 - 2 + 1.5) = 0.5; row 1 (y = 2): 1 + 1 = 2
        expectClose(multiclassHinge(logits: logits, labels: [0, 2]).scalar, (0.5 + 2) / 6, tolerance: 1e-12)
    }
}
