import Attacks
import MarginTestSupport
import Models
import Tensors
import Testing

/// On a linear classifier the boundaries are hyperplanes, so DeepFool's answer has a closed
/// form: the distance from x to class y's region's edge is min_k |(w_k - w_y) . x + b_k - b_y|
/// / ||w_k - w_y||, reached along w_k - w_y for the minimising k.
@Suite("DeepFool")
struct DeepFoolTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let features: Int
        let classes: Int
        var testDescription: String { "\(classes) classes in \(features) dimensions" }
    }

    static func linearModel(_ c: Case, seed: UInt64) -> Dense<Double> {
        var g = SeededGenerator(seed: seed)
        return Dense(weight: Tensor(randomNormal: [c.features, c.classes], using: &g),
                     bias: Tensor(randomNormal: [c.classes], using: &g))
    }

    /// The nearest boundary of each row: its distance and the unit direction w_k - w_y.
    static func nearestBoundary(_ model: Dense<Double>, x: Tensor<Double>, labels: [Int]) -> [(distance: Double, direction: [Double], norm: Double)] {
        let (d, classes) = (model.weight.shape[0], model.weight.shape[1])
        let w = model.weight.scalars, b = model.bias.scalars, xs = x.scalars
        return labels.enumerated().map { row, y in
            let point = Array(xs[(row * d)..<((row + 1) * d)])
            var best: (distance: Double, direction: [Double], norm: Double)?
            for k in 0..<classes where k != y {
                let v = (0..<d).map { w[$0 * classes + k] - w[$0 * classes + y] }
                let value = zip(v, point).map(*).reduce(0, +) + b[k] - b[y]
                let norm = v.map { $0 * $0 }.reduce(0, +).squareRoot()
                let distance = abs(value) / norm
                if best == nil || distance < best!.distance { best = (distance, v.map { $0 / norm }, norm) }
            }
            return best!
        }
    }

    @Test("on a linear model the perturbation reaches the nearest hyperplane, within the overshoot, and flips the label",
          arguments: [Case(features: 2, classes: 2), Case(features: 5, classes: 2), Case(features: 2, classes: 3), Case(features: 6, classes: 3)])
    func linearClosedForm(_ c: Case) {
        let model = Self.linearModel(c, seed: UInt64(c.features * 10 + c.classes))
        var g = SeededGenerator(seed: 11)
        let x = Tensor<Double>(randomNormal: [40, c.features], using: &g)
        let labels = model(x).argmax(alongAxis: 1)
        let overshoot = 0.02
        let adversarial = deepFool(model, inputs: x, labels: labels, overshoot: overshoot)
        let lengths = Fixtures.l2Distances(adversarial, x)
        let after = model(adversarial).argmax(alongAxis: 1)
        let deltas = (adversarial - x).scalars
        for (row, nearest) in Self.nearestBoundary(model, x: x, labels: labels).enumerated() {
            // The step is (|f'| + 1e-4) / ||w||: the distance plus a hair, times 1 + overshoot.
            let expected = (1 + overshoot) * (nearest.distance + 1e-4 / nearest.norm)
            expectClose(lengths[row], expected, tolerance: 1e-9)
            #expect(lengths[row] >= nearest.distance)
            #expect(lengths[row] <= (1 + overshoot) * nearest.distance + 1e-3)
            let delta = Array(deltas[(row * c.features)..<((row + 1) * c.features)])
            let cosine = zip(delta, nearest.direction).map(*).reduce(0, +) / lengths[row]
            expectClose(cosine, 1, tolerance: 1e-9)
            #expect(after[row] != labels[row], "row \(row) keeps its label")
        }
    }

    @Test("a misclassified sample is returned unchanged, and without overshoot the step lands on the boundary")
    func misclassifiedAndNoOvershoot() {
        let model = Self.linearModel(Case(features: 3, classes: 2), seed: 1)
        var g = SeededGenerator(seed: 2)
        let x = Tensor<Double>(randomNormal: [10, 3], using: &g)
        let predicted = model(x).argmax(alongAxis: 1)
        let wrong = predicted.map { 1 - $0 }
        #expect(deepFool(model, inputs: x, labels: wrong) == x)
        let onBoundary = model(deepFool(model, inputs: x, labels: predicted, overshoot: 0)).scalars
        for row in 0..<10 { #expect(abs(onBoundary[2 * row] - onBoundary[2 * row + 1]) < 1e-3) }
    }

    @Test("a nonlinear network is fooled in a few steps, and a budget limits the length")
    func networkAndBudget() {
        let model = Fixtures.smoothNetwork()
        let (x, _) = Fixtures.batch(rows: 12)
        let labels = model(x).argmax(alongAxis: 1)
        let adversarial = deepFool(model, inputs: x, labels: labels, maxIterations: 50)
        let after = model(adversarial).argmax(alongAxis: 1)
        #expect(zip(after, labels).allSatisfy { $0 != $1 })
        let lengths = Fixtures.l2Distances(adversarial, x)
        let limit = lengths.sorted()[6]
        let limited = Fixtures.l2Distances(deepFool(model, inputs: x, labels: labels, maxNorm: limit), x)
        for (free, capped) in zip(lengths, limited) { expectClose(capped, min(free, limit), tolerance: 1e-9) }
    }
}
