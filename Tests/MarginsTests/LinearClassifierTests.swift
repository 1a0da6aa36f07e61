import Foundation
import MarginTestSupport
import Margins
import Models
import Tensors
import Testing

/// A linear classifier: for it the linearised distance is exact, so every check here has a
/// closed form (the geometric distance to the separating hyperplane).
@Suite("Linear classifier: closed forms")
struct LinearClassifierTests {
    static let weight = Tensor<Double>([[1.0, -2.0], [3.0, 0.5], [-1.5, 2.0]])   // [features 3, classes 2]
    static let bias = Tensor<Double>([0.25, -0.5])
    static let inputs = Tensor<Double>([[0.3, -0.2, 0.9], [-1.0, 0.4, 0.1], [0.5, 0.5, -0.5]])
    static let labels = [0, 1, 1]

    /// (w_1 - w_0) and (b_1 - b_0): the boundary is {x : w . x + b = 0}.
    static var boundary: (w: [Double], b: Double) {
        let s: [Double] = weight.scalars
        let w: [Double] = [s[1] - s[0], s[3] - s[2], s[5] - s[4]]
        let b: Double = bias.scalars[1] - bias.scalars[0]
        return (w, b)
    }

    static func dualNorm(_ v: [Double], _ norm: Norm) -> Double {
        switch norm.dual {
        case .l1: return v.map(abs).reduce(0, +)
        case .l2: return v.map { $0 * $0 }.reduce(0, +).squareRoot()
        case .lInfinity: return v.map(abs).max()!
        case .lp(let q): return pow(v.map { pow(abs($0), q) }.reduce(0, +), 1 / q)
        }
    }

    /// f_other - f_y divided by the dual norm of w_other - w_y: the signed l_p distance.
    static func closedFormDistance(row: Int, norm: Norm) -> Double {
        let (w, b) = boundary
        let x = Array(inputs.scalars[(row * 3)..<(row * 3 + 3)])
        let sign: Double = labels[row] == 0 ? 1 : -1   // f_other - f_y = sign (w . x + b)
        let value = zip(w, x).map(*).reduce(0, +) + b
        return sign * value / dualNorm(w, norm)
    }

    @Test("the linearised distance equals the distance to the hyperplane in l1, l2, l_inf and l_3", arguments: [Norm.l1, .l2, .lInfinity, .lp(3)])
    func distanceIsExact(norm: Norm) {
        let x = Self.inputs.requiringGradient()
        let logits = matmul(x, Self.weight) + Self.bias
        let d = linearizedDistance(scores: logits, labels: Self.labels, otherClass: Self.labels.map { 1 - $0 }, at: x, norm: norm, epsilon: 0)
        expectClose(d, (0..<3).map { Self.closedFormDistance(row: $0, norm: norm) }, tolerance: 1e-12)
    }

    @Test("for two classes the paper's loss is a hinge on that distance: mean max(0, gamma + d)", arguments: [Norm.l1, .l2, .lInfinity])
    func lossIsHinge(norm: Norm) {
        let gamma = 0.7
        let x = Self.inputs.requiringGradient()
        let logits = matmul(x, Self.weight) + Self.bias
        for mode in [MarginConfiguration.GradientMode.firstOrder, .exact] {
            let loss = largeMarginLoss(logits: logits, labels: Self.labels, activations: [x],
                                       configuration: MarginConfiguration(gamma: gamma, norm: norm, gradient: mode, epsilon: 0))
            let expected = (0..<3).map { max(0, gamma + Self.closedFormDistance(row: $0, norm: norm)) }.reduce(0, +) / 3
            expectClose(loss.scalar, expected, tolerance: 1e-12)
        }
    }
}
