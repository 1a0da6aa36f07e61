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
        case .linearized:
            let x = points.requiringGradient()
            let scores = withLearningPhase(.inference) { classifier(x) }
            guard scores.requiresGradient else {
                fatalError("the linearised margin overlay needs logits differentiable with respect to the input: do not wrap the classifier in withoutGradientRecording")
            }
            let predicted = scores.argmax(alongAxis: 1)
            var nearest = [Double](repeating: .infinity, count: count)
            for other in 0..<scores.shape[1] {
                let signed = linearizedDistance(
                    scores: scores, labels: predicted, otherClass: [Int](repeating: other, count: count), at: x, norm: .l2,
                    graph: .discarded
                ).scalars
                // Negative on the predicted class's side: the distance is its magnitude.
                for point in 0..<count where predicted[point] != other {
                    nearest[point] = min(nearest[point], Swift.abs(Double(signed[point])))
                }
            }
            return nearest
        }
    }

    /// A circle of `radius` around `centre` as a closed polyline of `sides` segments.
    static func circle(centre: (x: Double, y: Double), radius: Double, sides: Int = 72) -> [(x: Double, y: Double)] {
        (0...sides).map { k in
            let angle = 2 * Double.pi * Double(k % sides) / Double(sides)
            return (centre.x + radius * cos(angle), centre.y + radius * sin(angle))
        }
    }
}
