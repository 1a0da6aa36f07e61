import Models
import Tensors

/// The fast gradient sign method (Goodfellow et al. 2015, "Explaining and harnessing
/// adversarial examples", eq. 3): one step of size epsilon along the sign of the loss's
/// input gradient, then clipped to the data range:
///
///     x' = clip_[a, b]( x + epsilon * sign(grad_x J(f(x), y)) )
///
/// Before clipping every coordinate with a non-zero gradient moves by exactly epsilon, so
/// ||x' - x||_inf = epsilon.
///
///     let adversarial = fgsm(model, inputs: x, labels: y, epsilon: 0.1, clippedTo: 0...1)
///
/// - Parameters:
///   - model: Any layer whose output is logits [batch, classes].
///   - inputs: [batch, ...].
///   - labels: One class per row.
///   - epsilon: The l_inf budget, >= 0, in the units of the inputs.
///   - range: The range of valid inputs ([0, 1] for images); nil leaves the result unclipped.
///   - loss: The loss to increase; softmax cross-entropy by default.
/// - Returns: The adversarial inputs, a constant tensor shaped like `inputs`.
public func fgsm<Model: Layer>(
    _ model: Model, inputs: Tensor<Model.Scalar>, labels: [Int], epsilon: Double,
    clippedTo range: ClosedRange<Double>? = nil,
    loss: AttackLoss<Model.Scalar> = { softmaxCrossEntropy(logits: $0, labels: $1) }
) -> Tensor<Model.Scalar> {
    checkNonNegative(epsilon, name: "epsilon", attack: "fgsm")
    checkBatch(inputs, labels: labels, attack: "fgsm")
    let x = inputs.withoutDerivative()
    let g = inputGradient(of: model, inputs: x, labels: labels, loss: loss, attack: "fgsm")
    return withoutGradientRecording { clipped(x + Model.Scalar(epsilon) * sign(g), to: range) }
}
