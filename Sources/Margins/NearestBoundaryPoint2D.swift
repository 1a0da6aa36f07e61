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
    let rays = (0..<directions).map { k -> (Double, Double) in
        let angle = 2 * Double.pi * Double(k) / Double(directions)
        return (cos(angle), sin(angle))
    }
    // A crossing at radius r along a ray is r times the ray's length in `norm` away.
    let lengths = rays.map { ray -> Double in
        switch norm {
        case .l1: return abs(ray.0) + abs(ray.1)
        case .l2: return 1
        case .lInfinity: return max(abs(ray.0), abs(ray.1))
        case .lp(let q): return pow(pow(abs(ray.0), q) + pow(abs(ray.1), q), 1 / q)
        }
    }
    // For every (point, ray), index p * directions + r: the last radius known to keep the class
    // and the first known to change it; per point, the distance of the nearest crossing found.
    var inside = [Double](repeating: 0, count: n * directions)
    var outside = [Double](repeating: .infinity, count: n * directions)
    var nearestCrossing = [Double](repeating: .infinity, count: n)
    // A ray that cannot come nearer than its point's nearest crossing is left where it is,
    // farther than the nearest (inside < outside): it would never have been chosen.
    func canComeNearer(_ index: Int) -> Bool { inside[index] * lengths[index % directions] < nearestCrossing[index / directions] }
    /// The points at `radius(index)` along the rays `indices`, as rows of one batch.
    func probes(_ indices: [Int], at radius: (Int) -> Double) -> [Double] {
        var xy = [Double]()
        xy.reserveCapacity(2 * indices.count)
        for index in indices {
            let (p, r, distance) = (index / directions, index % directions, radius(index))
            xy.append(points[2 * p] + distance * rays[r].0)
            xy.append(points[2 * p + 1] + distance * rays[r].1)
        }
        return xy
    }
    func record(_ index: Int, _ radius: Double, changed: Bool) {
        if changed {
            outside[index] = radius
            nearestCrossing[index / directions] = min(nearestCrossing[index / directions], radius * lengths[index % directions])
        } else {
            inside[index] = radius
        }
    }
    for step in 1...steps {
        let radius = maxRadius * Double(step) / Double(steps)
        let open = (0..<(n * directions)).filter { outside[$0].isInfinite && canComeNearer($0) }
        if open.isEmpty { break }
        for (index, label) in zip(open, classes(of: probes(open) { _ in radius })) {
            record(index, radius, changed: label != predicted[index / directions])
        }
    }
    for _ in 0..<bisections {
        let crossed = (0..<(n * directions)).filter { outside[$0].isFinite && canComeNearer($0) }
        if crossed.isEmpty { break }
        let middle = { (index: Int) in (inside[index] + outside[index]) / 2 }
        for (index, label) in zip(crossed, classes(of: probes(crossed, at: middle))) {
            record(index, middle(index), changed: label != predicted[index / directions])
        }
    }
    return (0..<n).map { p in
        let nearest = (0..<directions).min { outside[p * directions + $0] * lengths[$0] < outside[p * directions + $1] * lengths[$1] }!
        let radius = outside[p * directions + nearest]
        guard radius.isFinite else { return NearestBoundaryPoint2D(distance: .infinity, point: nil) }
        return NearestBoundaryPoint2D(
            distance: radius * lengths[nearest],
            point: SIMD2(points[2 * p] + radius * rays[nearest].0, points[2 * p + 1] + radius * rays[nearest].1))
    }
}
