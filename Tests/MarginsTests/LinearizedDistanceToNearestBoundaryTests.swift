import Foundation
import Margins
import Tensors
import Testing

/// A three-class linear classifier on the plane: f = x W + b. The linearised distance of eq. 7
/// is exact for it, so each point's distance to its class's nearest boundary has a closed
/// form: the smallest over the other classes i of (f_y - f_i) / ||w_y - w_i||_q.
@Suite("Linearised distance to the nearest boundary")
struct LinearizedDistanceToNearestBoundaryTests {
    static let weight = Tensor<Double>([[1.0, -1.0, 0.5], [0.0, 2.0, -1.5]])   // [features 2, classes 3]
    static let bias = Tensor<Double>([0.0, 0.5, -0.25])
    static let points = Tensor<Double>([[0, 0], [0.4, 0.1], [-0.5, 0.8], [1.5, -1.0], [0.2, -0.3]])

    static func scores(_ x: Tensor<Double>) -> Tensor<Double> { matmul(x, weight) + bias }

    /// The class-c score of `row` and the weight column of class c, in plain arithmetic.
    static func score(row: Int, _ c: Int) -> Double {
        let x = points.scalars, w = weight.scalars, b = bias.scalars
        return x[2 * row] * w[c] + x[2 * row + 1] * w[3 + c] + b[c]
    }

    static func dualNorm(_ v: [Double], _ norm: Norm) -> Double {
        switch norm.dual {
        case .l1: return Swift.abs(v[0]) + Swift.abs(v[1])
        case .l2: return (v[0] * v[0] + v[1] * v[1]).squareRoot()
        case .lInfinity: return Swift.max(Swift.abs(v[0]), Swift.abs(v[1]))
        case .lp(let q): return pow(pow(Swift.abs(v[0]), q) + pow(Swift.abs(v[1]), q), 1 / q)
        }
    }

    static func closedForm(row: Int, label y: Int, norm: Norm) -> Double {
        let w = weight.scalars
        return (0..<3).filter { $0 != y }.map { i in
            (score(row: row, y) - score(row: row, i)) / dualNorm([w[y] - w[i], w[3 + y] - w[3 + i]], norm)
        }.min()!
    }

    @Test("by hand: at the origin the predicted class 1 is nearest to class 0's boundary, 0.5 / sqrt(8) away in l2")
    func handNumber() {
        // Scores (0, 0.5, -0.25): towards class 0, 0.5 / ||(-2, 2)|| = 0.1768; towards class 2,
        // 0.75 / ||(-1.5, 3.5)|| = 0.1970.
        let d = linearizedDistancesToNearestBoundary(of: Self.points, norm: .l2, scoring: Self.scores)
        #expect(Swift.abs(d[0] - 0.5 / 8.0.squareRoot()) < 1e-6)
    }

    @Test("with labels: signed, negative for a point on the wrong side", arguments: [Norm.l1, .l2, .lInfinity])
    func givenLabels(norm: Norm) {
        let labels = [1, 0, 2, 0, 1]
        let d = linearizedDistancesToNearestBoundary(of: Self.points, labels: labels, norm: norm, scoring: Self.scores)
        let expected = labels.indices.map { Self.closedForm(row: $0, label: labels[$0], norm: norm) }
        #expect(expected.contains { $0 < 0 } && expected.contains { $0 > 0 })
        for (found, truth) in zip(d, expected) { #expect(Swift.abs(found - truth) < 1e-5, "found \(found), closed form \(truth)") }
    }

    @Test("without labels: from the predicted class, so every distance is at least 0", arguments: [Norm.l1, .l2, .lInfinity])
    func predicted(norm: Norm) {
        let d = linearizedDistancesToNearestBoundary(of: Self.points, norm: norm, scoring: Self.scores)
        for row in 0..<5 {
            let predicted = (0..<3).max { Self.score(row: row, $0) < Self.score(row: row, $1) }!
            let truth = Self.closedForm(row: row, label: predicted, norm: norm)
            #expect(truth >= 0)
            #expect(Swift.abs(d[row] - truth) < 1e-5, "row \(row): found \(d[row]), closed form \(truth)")
        }
    }
}
