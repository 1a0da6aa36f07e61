import Tensors

/// Eq. 7 at the input for each point, to the nearest boundary of its class: the smallest,
/// over the classes i other than the point's class y, of the linearised distance
///
///     (f_y - f_i) / || grad_x (f_y - f_i) ||_q,  q the dual of `norm`
///
/// (`linearizedDistance` with its sign turned, so it reads as a distance: positive on y's
/// side, negative on the wrong side). y is the point's entry of `labels`, or, with no labels,
/// the class the scores predict there, so that every distance is at least 0: the estimate
/// of how far the point is from a change of the model's prediction. For a linear classifier
/// it is the exact distance to the nearest hyperplane between y and another class.
///
///     let estimated = linearizedDistancesToNearestBoundary(of: test.inputs, norm: .l2) { model($0) }
///
/// - Parameters:
///   - inputs: [n, ...] points.
///   - labels: The class y of each point; nil: the predicted class.
///   - scoring: Maps the inputs to [n, classes] scores, differentiably (do not wrap it in
///     `withoutGradientRecording`).
/// - Returns: One distance per point.
public func linearizedDistancesToNearestBoundary<Scalar>(
    of inputs: Tensor<Scalar>, labels: [Int]? = nil, norm: Norm, scoring: (Tensor<Scalar>) -> Tensor<Scalar>
) -> [Double] {
    let x = inputs.requiringGradient()
    let scores = scoring(x)
    guard scores.rank == 2, scores.shape[0] == inputs.shape[0] else {
        fatalError("the scoring function must give [\(inputs.shape[0]), classes] scores, got shape \(scores.shape)")
    }
    guard scores.requiresGradient else {
        fatalError("linearised distances need scores differentiable with respect to the input: do not wrap the scoring in withoutGradientRecording")
    }
    let count = scores.shape[0]
    let classes = labels ?? scores.argmax(alongAxis: 1)
    guard classes.count == count else { fatalError("\(classes.count) labels for \(count) points") }
    var nearest = [Double](repeating: .infinity, count: count)
    for other in 0..<scores.shape[1] {
        let toward = linearizedDistance(
            scores: scores, labels: classes, otherClass: [Int](repeating: other, count: count), at: x, norm: norm,
            graph: .discarded)
        for (point, value) in toward.scalars.enumerated() where classes[point] != other {
            nearest[point] = Swift.min(nearest[point], -Double(value))
        }
    }
    return nearest
}
