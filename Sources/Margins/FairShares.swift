import Foundation
import Tensors

/// Each point's fair share: half its distance, in `norm`, to the nearest point of another class
/// (infinity when there is none), computed in the points' own precision.
///
/// Every location nearer a point than its fair share is nearer to it than to any point of another
/// class, so the 1-nearest-neighbour rule's boundary keeps every point at least its fair share
/// away, all at once. The smallest fair share, half the distance of the closest pair of different
/// classes, is the ceiling of any boundary's smallest margin: a boundary classifying both points of
/// that pair correctly crosses the segment between them.
///
///     // points (0, 0) and (3, 0) of class 0, (0, 1) and (5, 0) of class 1:
///     fairShares(of: [0, 0, 3, 0, 0, 1, 5, 0], dimension: 2, labels: [0, 0, 1, 1], norm: .l2)   // [0.5, 1, 0.5, 1]
///
/// - Parameters:
///   - points: The points' coordinates, point after point (`labels.count * dimension` values).
///   - dimension: The coordinates of one point.
public func fairShares<Scalar: BinaryFloatingPoint>(
    of points: [Scalar], dimension: Int, labels: [Int], norm: Norm
) -> [Scalar] {
    guard dimension >= 1, points.count == labels.count * dimension else {
        fatalError("fair shares need \(labels.count) points of \(dimension) coordinates, got \(points.count) values")
    }
    func distance(_ a: Int, _ b: Int) -> Scalar {
        var total: Scalar = 0
        for k in 0..<dimension {
            let d = abs(points[a * dimension + k] - points[b * dimension + k])
            switch norm {
            case .l1: total += d
            case .l2: total += d * d
            case .lInfinity: total = max(total, d)
            case .lp(let p): total += Scalar(pow(Double(d), p))
            }
        }
        switch norm {
        case .l1, .lInfinity: return total
        case .l2: return total.squareRoot()
        case .lp(let p): return Scalar(pow(Double(total), 1 / p))
        }
    }
    return labels.indices.map { a in
        var nearest = Scalar.infinity
        for b in labels.indices where labels[b] != labels[a] { nearest = min(nearest, distance(a, b)) }
        return nearest / 2
    }
}
