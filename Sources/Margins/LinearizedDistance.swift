import Tensors

/// Linearised distance of each sample to the decision boundary between its label and
/// class `i`, measured at one layer (Elsayed et al. 2018, eq. 7):
///
///     d = (f_i - f_y) / (epsilon + || grad_h (f_i - f_y) ||_q),  q the dual of `norm`
///
/// Negative when the sample is on its label's side. For a linear classifier it is the exact
/// signed distance to the separating hyperplane.
///
///     let x = inputs.requiringGradient()
///     let d = linearizedDistance(scores: model(x), labels: y, otherClass: 1, at: x, norm: .l2)
///
/// - Parameters:
///   - scores: [batch, classes], computed from `activation`.
///   - labels: The class y of each row.
///   - otherClass: The class i of the boundary, one per row.
///   - activation: The layer's activation h ([batch, ...]); it must be differentiable.
///   - graph: `.recorded` to keep the result differentiable through the gradient norm.
/// - Returns: [batch] distances.
public func linearizedDistance<Scalar>(
    scores: Tensor<Scalar>, labels: [Int], otherClass: [Int], at activation: Tensor<Scalar>, norm: Norm,
    epsilon: Double = 1e-6, graph: GradientGraph = .recorded
) -> Tensor<Scalar> {
    let classes = scores.shape[1]
    let difference = Tensor<Scalar>(oneHot: otherClass, classCount: classes) - Tensor<Scalar>(oneHot: labels, classCount: classes)
    let numerator = (scores * difference).sum(alongAxes: [1])
    let gradient = gradients(of: numerator, withRespectTo: [activation], seed: Tensor(ones: numerator.shape), graph: graph)[0]
    let axes = Array(1..<gradient.rank)
    let denominator = gradient.norm(norm.dual, alongAxes: axes) + Scalar(epsilon)
    return numerator / denominator
}
