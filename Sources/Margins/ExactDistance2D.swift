import Tensors

/// The distance of each 2-D point to the model's decision boundary, measured by search
/// rather than linearisation, so a notebook can put the linearised estimate beside the truth.
///
/// From each point, `directions` rays evenly spread over the circle are marched outwards in
/// `steps` equal steps up to `maxRadius`; where the predicted class first changes, bisection
/// on the ray narrows the crossing down. The distance in `norm` is the smallest l_p length of
/// the crossings over all rays (exact up to the angular resolution; rays along the axes and
/// diagonals are included when `directions` is a multiple of 8, which makes l_1 and l_inf
/// distances to straight boundaries exact). The search is `nearestBoundaryPoints2D`'s, which
/// also returns where the nearest crossing lies.
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
    nearestBoundaryPoints2D(
        of: inputs, norm: norm, maxRadius: maxRadius, directions: directions, steps: steps, bisections: bisections,
        scoring: scoring
    ).map(\.distance)
}
