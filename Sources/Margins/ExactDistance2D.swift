import Foundation
import Tensors

/// The distance of each 2-D point to the model's decision boundary, measured by search
/// rather than linearisation, so a notebook can put the linearised estimate beside the truth.
///
/// From each point, `directions` rays evenly spread over the circle are marched outwards in
/// `steps` equal steps up to `maxRadius`; where the predicted class first changes, bisection
/// on the ray narrows the crossing down. The distance in `norm` is the smallest l_p length of
/// the crossings over all rays (exact up to the angular resolution; rays along the axes and
/// diagonals are included when `directions` is a multiple of 8, which makes l_1 and l_inf
/// distances to straight boundaries exact).
///
///     let d = exactDistances2D(of: test.inputs, norm: .l2, maxRadius: 3) { model($0) }
///
/// - Parameters:
///   - inputs: [n, 2] points.
///   - scoring: Maps [m, 2] points to [m, classes] scores.
/// - Returns: One distance per point: positive where the point keeps its predicted class
///   within the search, `.infinity` when no boundary lies within `maxRadius`.
public func exactDistances2D<Scalar>(
    of inputs: Tensor<Scalar>, norm: Norm, maxRadius: Double, directions: Int = 360, steps: Int = 64,
    bisections: Int = 30, scoring: (Tensor<Scalar>) -> Tensor<Scalar>
) -> [Double] {
    guard inputs.rank == 2, inputs.shape[1] == 2 else {
        fatalError("exactDistances2D needs points of shape [n, 2], got \(inputs.shape)")
    }
    guard maxRadius > 0, directions >= 4, steps >= 1, bisections >= 1 else {
        fatalError("exactDistances2D needs maxRadius > 0, directions >= 4, steps >= 1 and bisections >= 1")
    }
    let points = inputs.scalars.map(Double.init)
    let n = inputs.shape[0]
    let rays = (0..<directions).map { k -> (Double, Double) in
        let angle = 2 * Double.pi * Double(k) / Double(directions)
        return (cos(angle), sin(angle))
    }
    func classes(of xs: [Double]) -> [Int] {
        withoutGradientRecording {
            scoring(Tensor(shape: [xs.count / 2, 2], scalars: xs.map { Scalar($0) })).argmax(alongAxis: 1)
        }
    }
    let predicted = classes(of: points)
    // For every (point, ray): the last radius known to keep the class and the first known to change it.
    var inside = [Double](repeating: 0, count: n * directions)
    var outside = [Double](repeating: .infinity, count: n * directions)
    for step in 1...steps {
        let radius = maxRadius * Double(step) / Double(steps)
        var open: [Int] = []
        var probes: [Double] = []
        for index in 0..<(n * directions) where outside[index].isInfinite {
            let (p, r) = (index / directions, index % directions)
            open.append(index)
            probes += [points[2 * p] + radius * rays[r].0, points[2 * p + 1] + radius * rays[r].1]
        }
        if open.isEmpty { break }
        for (index, label) in zip(open, classes(of: probes)) {
            if label != predicted[index / directions] { outside[index] = radius } else { inside[index] = radius }
        }
    }
    let crossed = (0..<(n * directions)).filter { outside[$0].isFinite }
    for _ in 0..<bisections where !crossed.isEmpty {
        var probes: [Double] = []
        for index in crossed {
            let (p, r) = (index / directions, index % directions)
            let middle = (inside[index] + outside[index]) / 2
            probes += [points[2 * p] + middle * rays[r].0, points[2 * p + 1] + middle * rays[r].1]
        }
        for (index, label) in zip(crossed, classes(of: probes)) {
            let middle = (inside[index] + outside[index]) / 2
            if label != predicted[index / directions] { outside[index] = middle } else { inside[index] = middle }
        }
    }
    let lengths = rays.map { ray -> Double in
        switch norm {
        case .l1: return abs(ray.0) + abs(ray.1)
        case .l2: return 1
        case .lInfinity: return max(abs(ray.0), abs(ray.1))
        case .lp(let q): return pow(pow(abs(ray.0), q) + pow(abs(ray.1), q), 1 / q)
        }
    }
    return (0..<n).map { p in
        (0..<directions).map { r in outside[p * directions + r] * lengths[r] }.min() ?? .infinity
    }
}
