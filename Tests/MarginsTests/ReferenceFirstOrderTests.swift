import MarginTestSupport
import Margins
import Models
import Tensors
import Testing

/// The reference form's first-order mode computes its value and logit gradient from plain
/// loops (one linearised operation); here it is checked against the loss written out with
/// tensor operations, the denominators and the compared classes frozen at the starting
/// parameters, and against finite differences of that function.
@Suite("Large-margin loss, reference form, first order: the gradient of the loss with frozen denominators")
struct ReferenceFirstOrderTests {
    static let layers = [-1, 0, 1]

    /// A small tanh network with 3 classes (smooth, so finite differences are clean) and a batch.
    static func fixture() -> (Sequential<Double>, Tensor<Double>, [Int]) {
        var g = SeededGenerator(seed: 23)
        let model = Sequential<Double>.multilayerPerceptron(sizes: [2, 5, 4, 3], activation: .tanh, using: &g)
        let x = Tensor<Double>(randomNormal: [8, 2], using: &g)
        return (model, x, (0..<8).map { $0 % 3 })
    }

    /// The loss of `configuration` as a function of the parameters, written out with tensor
    /// operations: p_y - p_i over the compared classes (chosen at `model`'s parameters), divided
    /// by the dual norms of their gradients at each layer (computed at `model`'s parameters,
    /// then constants) over the layer's weight, plus epsilon; the worst class or each, clamped
    /// to [gamma (1 - alpha), gamma], negated and averaged. Also returns the starting distances.
    static func frozenLoss(
        _ model: Sequential<Double>, _ x: Tensor<Double>, _ y: [Int], _ configuration: MarginConfiguration, alpha: Double
    ) -> (loss: ([Tensor<Double>]) -> Tensor<Double>, distances: [Double]) {
        let (batch, classes) = (y.count, 3)
        let input = x.requiringGradient()
        let (logits, activations) = model.applied(to: input, keepingActivationsOf: layers)
        let p = softmax(logits, alongAxis: 1)
        let k: Int
        switch configuration.aggregation {
        case .max, .sum: k = classes - 1
        case .topK(let count): k = count
        }
        // The compared classes: the other classes by probability, highest first.
        let values = p.scalars
        let others = y.enumerated().map { row, label in
            Array((0..<classes).filter { $0 != label }.sorted { values[row * classes + $0] > values[row * classes + $1] }.prefix(k))
        }
        let hots = (0..<k).map { j in
            Tensor<Double>(oneHot: y, classCount: classes) - Tensor<Double>(oneHot: others.map { $0[j] }, classCount: classes)
        }
        // denominators[l][j]: [batch]
        let denominators = (0..<k).map { j -> [Tensor<Double>] in
            let difference = (p * hots[j]).sum(alongAxes: [1])
            let grads = gradients(of: difference, withRespectTo: activations, seed: Tensor(ones: [batch]))
            return grads.map { g in
                let size = Double(g.shape[1])
                let dual: Tensor<Double> = configuration.norm == .lInfinity ? abs(g).sum(alongAxes: [1]) : sqrt((g * g).sum(alongAxes: [1]))
                return dual / (configuration.norm == .lInfinity ? size : 1) + configuration.epsilon
            }
        }
        let gamma = configuration.gamma[0]
        func distances(_ logits: Tensor<Double>) -> [[Tensor<Double>]] {
            let p = softmax(logits, alongAxis: 1)
            return layers.indices.map { l in (0..<k).map { j in (p * hots[j]).sum(alongAxes: [1]) / denominators[j][l] } }
        }
        let loss: ([Tensor<Double>]) -> Tensor<Double> = { parameters in
            var m = model
            m.parameters = parameters
            var total = Tensor<Double>(0)
            for perClass in distances(m(x)) {
                let terms = configuration.aggregation == .sum || k == 1
                    ? perClass : [Tensor(stacking: perClass, alongAxis: 0).min(alongAxes: [0])]
                for term in terms { total = total + min(max(term, gamma * (1 - alpha)), gamma).sum() }
            }
            return total * (-1 / Double(batch * layers.count))
        }
        return (loss, distances(logits).flatMap { $0.flatMap(\.scalars) })
    }

    static let cases: [(MarginConfiguration.Aggregation, Norm)] = [(.max, .lInfinity), (.topK(1), .lInfinity), (.sum, .l2)]

    @Test("equal values, equal gradients, and the frozen loss's gradient matches finite differences",
          arguments: 0..<cases.count)
    func matchesFrozenLoss(index: Int) {
        let (model, x, y) = Self.fixture()
        let (aggregation, norm) = Self.cases[index]
        let alpha = 1.5
        // gamma: between the middle two distance sizes, so that terms fall below the lower bound
        // gamma (1 - alpha), inside, and above gamma, where the clamp stops the gradient, and
        // none on a bound (a kink, where finite differences disagree with any gradient).
        let probe = MarginConfiguration(gamma: 1, norm: norm, aggregation: aggregation, gradient: .firstOrder, form: .reference(alpha: alpha))
        let sizes = Self.frozenLoss(model, x, y, probe, alpha: alpha).distances.map(abs).sorted()
        let gamma = (sizes[sizes.count / 2 - 1] + sizes[sizes.count / 2]) / 2
        let configuration = MarginConfiguration(gamma: gamma, norm: norm, aggregation: aggregation, gradient: .firstOrder, form: .reference(alpha: alpha))
        let (frozen, distances) = Self.frozenLoss(model, x, y, configuration, alpha: alpha)
        #expect(distances.contains { $0 > gamma } && distances.contains { $0 < gamma * (1 - alpha) }
                && distances.contains { $0 > gamma * (1 - alpha) && $0 < gamma })

        let (value, gradient) = valueWithGradient(at: model) { m in
            largeMarginLoss(model: m, inputs: x, labels: y, layers: Self.layers, configuration: configuration)
        }
        expectClose(value.scalar, frozen(model.parameters).scalar, tolerance: 1e-12)
        #expect(value.scalar != 0)
        expectGradientMatchesFiniteDifferences(of: frozen, at: model.parameters, tolerance: 1e-6)
        var tracked = model.parameters.map { $0.requiringGradient() }
        let expected = gradients(of: frozen(tracked), withRespectTo: tracked)
        tracked.removeAll()
        #expect(expected.contains { $0.norm(.lInfinity).scalar > 1e-6 })
        for (a, b) in zip(gradient.parameters, expected) { expectClose(a, b, tolerance: 1e-10) }

        // The per-class passes (the activations form) agree.
        let (perClassValue, perClass) = valueWithGradient(at: model) { m in
            let (logits, activations) = m.applied(to: x.requiringGradient(), keepingActivationsOf: Self.layers)
            return largeMarginLoss(logits: logits, labels: y, activations: activations, configuration: configuration)
        }
        expectClose(perClassValue.scalar, value.scalar, tolerance: 1e-12)
        for (a, b) in zip(perClass.parameters, expected) { expectClose(a, b, tolerance: 1e-10) }
    }
}
