import Foundation
import MarginTestSupport
import Margins
import Tensors
import Testing

@Suite("Exact 2-D distance to the decision boundary")
struct ExactDistance2DTests {
    /// A linear classifier on the plane: boundary 1.5 x - 0.5 y + 0.25 = 0.
    static let weight = Tensor<Double>([[0, 1.5], [0, -0.5]])
    static let bias = Tensor<Double>([0, 0.25])
    static let points = Tensor<Double>([[0.3, -0.2], [-1.0, 0.4], [0.5, 0.5], [0.1, 2.0]])

    static func closedForm(_ norm: Norm) -> [Double] {
        let (w, b) = ([1.5, -0.5], 0.25)
        let dual: Double
        switch norm.dual {
        case .l1: dual = 2
        case .l2: dual = (1.5 * 1.5 + 0.25).squareRoot()
        case .lInfinity: dual = 1.5
        case .lp: dual = .nan
        }
        return stride(from: 0, to: 8, by: 2).map { i in
            let x = points.scalars
            return abs(w[0] * x[i] + w[1] * x[i + 1] + b) / dual
        }
    }

    @Test("for a linear classifier the search finds the hyperplane distance in l1, l2 and l_inf", arguments: [Norm.l1, .l2, .lInfinity])
    func linear(norm: Norm) {
        let found = exactDistances2D(of: Self.points, norm: norm, maxRadius: 3, directions: 720) { matmul($0, Self.weight) + Self.bias }
        let expected = Self.closedForm(norm)
        for (a, b) in zip(found, expected) {
            // Exact along the best ray up to the angular step (cos(pi / 720) for l2).
            #expect(abs(a - b) <= 1e-4 * max(1, b), "found \(a), closed form \(b)")
        }
    }

    @Test("a point with no boundary within the search radius is at infinite distance")
    func noBoundary() {
        let far = exactDistances2D(of: Tensor<Double>([[50, 0]]), norm: .l2, maxRadius: 1) { matmul($0, Self.weight) + Self.bias }
        #expect(far == [.infinity])
    }
}
