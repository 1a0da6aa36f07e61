import Plotting
import Foundation
import Margins
import Models
import Tensors

/// What a decision-boundary panel draws to show each training point's margin.
///
/// The one representation is a thin circle around the point, in its class's colour, whose
/// radius is the point's l2 distance to the decision boundary of the class predicted there.
/// A circle that just touches the boundary is an exact distance; where the linearised
/// estimate is drawn, the gap or overlap between circle and boundary is the error of the
/// first-order approximation (Elsayed et al. 2018, eq. 7) that the large-margin loss uses.
public enum MarginOverlay: Sendable, Equatable {
    /// No margins drawn.
    case none
    /// Radius = the distance found by search along rays (`exactDistances2D`, l2), up to
    /// half the plot range's diagonal; points without a boundary that close get no circle.
    case exact
    /// Radius = the linearised distance at the input (`linearizedDistance`, l2) to the
    /// nearest other class, min over i != y of |f_i - f_y| / ||grad_x (f_i - f_y)||_2. It
    /// needs a classifier whose logits are differentiable with respect to its input.
    case linearized
    /// Only the `count` training points closest to the boundary, each with the ball of its
    /// exact distance in `norm` (found by search): a circle for l2, a diamond for l1, a
    /// square for l-inf. The balls of the closest points are the ones a margin loss moves,
    /// and drawing only them keeps the figure readable.
    case closest(count: Int, norm: Norm)

    /// The radius of each point's circle (`.infinity`: none), for points [n, 2].
    func radii(of points: Tensor<Float>, range: PlotRange, classifier: (Tensor<Float>) -> Tensor<Float>) -> [Double] {
        let count = points.shape[0]
        switch self {
        case .none:
            return [Double](repeating: .infinity, count: count)
        case .exact:
            let halfDiagonal = hypot(range.x.upperBound - range.x.lowerBound, range.y.upperBound - range.y.lowerBound) / 2
            return withLearningPhase(.inference) {
                exactDistances2D(of: points, norm: .l2, maxRadius: halfDiagonal, scoring: classifier)
            }
        case .closest(let shown, let norm):
            // A coarse search ranks every point; the closest few (twice as many as shown, since
            // the coarse ranking can be off by a little) are searched finely and the closest kept.
            let halfDiagonal = hypot(range.x.upperBound - range.x.lowerBound, range.y.upperBound - range.y.lowerBound) / 2
            let coarse = withLearningPhase(.inference) {
                exactDistances2D(of: points, norm: norm, maxRadius: halfDiagonal, directions: 72, steps: 32, scoring: classifier)
            }
            let candidates = Array(coarse.indices.sorted { (coarse[$0], $0) < (coarse[$1], $1) }.prefix(2 * max(shown, 0)))
            guard !candidates.isEmpty else { return [Double](repeating: .infinity, count: count) }
            let fine = withLearningPhase(.inference) {
                exactDistances2D(of: points.gathering(atIndices: candidates), norm: norm, maxRadius: halfDiagonal, scoring: classifier)
            }
            var radii = [Double](repeating: .infinity, count: count)
            for position in fine.indices.sorted(by: { (fine[$0], $0) < (fine[$1], $1) }).prefix(shown) {
                radii[candidates[position]] = fine[position]
            }
            return radii
        case .linearized:
            // From the predicted class, so every distance is at least 0 (abs only turns a -0 into 0).
            return linearizedDistancesToNearestBoundary(of: points, norm: .l2) { x in
                withLearningPhase(.inference) { classifier(x) }
            }.map(Swift.abs)
        }
    }

    /// The norm whose balls are drawn: l2, or the overlay's own for `.closest`.
    var norm: Norm {
        if case .closest(_, let norm) = self { return norm }
        return .l2
    }

    /// A legend entry for the balls ("exact l2 margins", "l_inf margins, 5 closest"; short, so
    /// the legend fits two columns under a panel).
    var legendTitle: String {
        switch self {
        case .none: return ""
        case .exact: return "exact l2 margins"
        case .linearized: return "linearised l2 margins"
        case .closest(let count, let norm): return "\(norm) margins, \(count) closest"
        }
    }

    /// The ball of `radius` in `norm` around `centre` as a closed polyline: the points of
    /// 72 directions scaled onto the unit sphere of the norm (a circle for l2, a diamond
    /// for l1, a square for l-inf, with their corners among the directions).
    static func ball(centre: (x: Double, y: Double), radius: Double, norm: Norm, sides: Int = 72) -> [(x: Double, y: Double)] {
        (0...sides).map { k in
            let angle = 2 * Double.pi * Double(k % sides) / Double(sides)
            let (dx, dy) = (cos(angle), sin(angle))
            let length: Double
            switch norm {
            case .l1: length = abs(dx) + abs(dy)
            case .l2: length = 1
            case .lInfinity: length = max(abs(dx), abs(dy))
            case .lp(let p): length = pow(pow(abs(dx), p) + pow(abs(dy), p), 1 / p)
            }
            return (centre.x + radius * dx / length, centre.y + radius * dy / length)
        }
    }
}
