import Foundation
import Tensors

/// The point of a 2-D model's decision boundary nearest to an input, as the ray search of
/// `nearestBoundaryPoints2D` found it.
public struct NearestBoundaryPoint2D: Sendable, Equatable {
    /// Its distance from the input in the search's norm; `.infinity` when no boundary lies
    /// within the search radius.
    public var distance: Double
    /// The first point found past the boundary on the nearest ray (at `distance`); nil when
    /// no boundary lies within the search radius.
    public var point: SIMD2<Double>?

    public init(distance: Double, point: SIMD2<Double>?) {
        self.distance = distance
        self.point = point
    }
}

/// For each 2-D point, the nearest point of the model's decision boundary, found by search
/// rather than linearisation: rays are marched out from the point and the first crossing of
/// the boundary on each is narrowed down by bisection; the nearest crossing in `norm` wins.
/// `exactDistances2D` reports its distances; a margin loss can linearise the network there.
///
///     let nearest = nearestBoundaryPoints2D(of: train.inputs, norm: .l2, maxRadius: 1, directions: 32, steps: 8) { model($0) }
///
/// - Parameters:
///   - inputs: [n, 2] points.
///   - maxRadius: How far out the rays are marched.
///   - directions: Rays evenly spread over the circle (including the axes and diagonals
///     when a multiple of 8).
///   - steps: Equal steps of each ray up to `maxRadius`.
///   - bisections: Halvings of the first step that changes the class.
///   - scoring: Maps [m, 2] points to [m, classes] scores.
/// - Returns: One entry per point, as long as the rays are resolved: exact up to the
///   angular resolution and `maxRadius / steps / 2^bisections` along the ray.
///
/// A ray is marched or bisected only while it can still come nearer than the crossings
/// already found on its point's other rays: a ray that cannot is left, and the answer is
/// the one following every ray to the end would give (up to the last bits of the scores,
/// which can depend on how many points are scored together), in a fraction of the work.
public func nearestBoundaryPoints2D<Scalar>(
    of inputs: Tensor<Scalar>, norm: Norm, maxRadius: Double, directions: Int = 360, steps: Int = 64,
    bisections: Int = 30, scoring: (Tensor<Scalar>) -> Tensor<Scalar>
) -> [NearestBoundaryPoint2D] {
    guard inputs.rank == 2, inputs.shape[1] == 2 else {
        fatalError("the boundary search needs points of shape [n, 2], got \(inputs.shape)")
    }
    guard maxRadius > 0, directions >= 4, steps >= 1, bisections >= 1 else {
        fatalError("the boundary search needs maxRadius > 0, directions >= 4, steps >= 1 and bisections >= 1")
    }
    let points = inputs.scalars.map(Double.init)
    let n = inputs.shape[0]
    func classes(of xs: [Double]) -> [Int] {
        withoutGradientRecording {
            scoring(Tensor(shape: [xs.count / 2, 2], scalars: xs.map { Scalar($0) })).argmax(alongAxis: 1)
        }
    }
    let predicted = classes(of: points)

    /// The length in `norm` of the unit l2 vector at `angle`: a crossing at radius r is r times it away.
    func length(_ angle: Double) -> Double {
        let (x, y) = (cos(angle), sin(angle))
        switch norm {
        case .l1: return abs(x) + abs(y)
        case .l2: return 1
        case .lInfinity: return max(abs(x), abs(y))
        case .lp(let q): return pow(pow(abs(x), q) + pow(abs(y), q), 1 / q)
        }
    }

    /// Along each (point, angle) ray, the first radius found past the boundary (infinity where
    /// the class does not change within `maxRadius`). A ray is followed only while it can
    /// still come nearer than the crossings found so far on its point's other rays: one that
    /// cannot is left where it is, farther than the nearest (inside < outside), so it is never
    /// chosen, as it would not have been had it been followed to the end.
    func firstCrossings(_ rays: [(point: Int, angle: Double)]) -> [Double] {
        let unit = rays.map { (cos($0.angle), sin($0.angle)) }
        let rayLengths = rays.map { length($0.angle) }
        // Per point: the distance of the nearest crossing found so far.
        var nearest = [Double](repeating: .infinity, count: n)
        // For every ray: the last radius known to keep the class and the first known to change it.
        var inside = [Double](repeating: 0, count: rays.count)
        var outside = [Double](repeating: .infinity, count: rays.count)
        func canComeNearer(_ index: Int) -> Bool { inside[index] * rayLengths[index] < nearest[rays[index].point] }
        /// The points at `radii` along the rays `indices`, as rows of one batch.
        func probes(_ indices: [Int], at radii: (Int) -> Double) -> [Double] {
            var xy = [Double]()
            xy.reserveCapacity(2 * indices.count)
            for index in indices {
                let (p, radius) = (rays[index].point, radii(index))
                xy.append(points[2 * p] + radius * unit[index].0)
                xy.append(points[2 * p + 1] + radius * unit[index].1)
            }
            return xy
        }
        func record(_ index: Int, _ radius: Double, changed: Bool) {
            if changed {
                outside[index] = radius
                nearest[rays[index].point] = min(nearest[rays[index].point], radius * rayLengths[index])
            } else {
                inside[index] = radius
            }
        }
        for step in 1...steps {
            let radius = maxRadius * Double(step) / Double(steps)
            let open = rays.indices.filter { outside[$0].isInfinite && canComeNearer($0) }
            if open.isEmpty { break }
            for (index, label) in zip(open, classes(of: probes(open) { _ in radius })) {
                record(index, radius, changed: label != predicted[rays[index].point])
            }
        }
        for _ in 0..<bisections {
            let crossed = rays.indices.filter { outside[$0].isFinite && canComeNearer($0) }
            if crossed.isEmpty { break }
            let middle = { (index: Int) in (inside[index] + outside[index]) / 2 }
            let labels = classes(of: probes(crossed, at: middle))
            for (index, label) in zip(crossed, labels) {
                record(index, middle(index), changed: label != predicted[rays[index].point])
            }
        }
        return outside
    }

    let angles = (0..<directions).map { 2 * Double.pi * Double($0) / Double(directions) }
    let lengths = angles.map(length)
    let crossings = firstCrossings((0..<n).flatMap { p in angles.map { (point: p, angle: $0) } })
    return (0..<n).map { p in
        let nearest = (0..<directions).min {
            crossings[p * directions + $0] * lengths[$0] < crossings[p * directions + $1] * lengths[$1]
        }!
        let radius = crossings[p * directions + nearest]
        guard radius.isFinite else { return NearestBoundaryPoint2D(distance: .infinity, point: nil) }
        return NearestBoundaryPoint2D(
            distance: radius * lengths[nearest],
            point: SIMD2(points[2 * p] + radius * cos(angles[nearest]), points[2 * p + 1] + radius * sin(angles[nearest])))
    }
}
