import Models
import Tensors

/// The step size and iteration count of Kurakin et al. (2016, "Adversarial examples in the
/// physical world", section 2.2), translated from pixel values to the data's scale.
///
/// The paper works in pixel values 0...255 and takes a step of alpha = 1 (one pixel value)
/// for min(epsilon + 4, 1.25 epsilon) iterations. Here one pixel value is 1/255 of the data
/// range's width (1/255 when no range is given, i.e. inputs in [0, 1]), so with
/// u = width / 255 and e = epsilon / u:
///
///     stepSize = u,   iterations = ceil(min(e + 4, 1.25 e))
///
///     kurakinSchedule(epsilon: 8.0 / 255, clippedTo: 0...1)   // (stepSize: 1/255, iterations: 10)
///
/// - Parameters:
///   - epsilon: The l_inf budget, >= 0, in the units of the inputs.
///   - range: The data range whose width is 255 pixel values.
public func kurakinSchedule(epsilon: Double, clippedTo range: ClosedRange<Double>? = nil) -> (stepSize: Double, iterations: Int) {
    checkNonNegative(epsilon, name: "epsilon", attack: "kurakinSchedule")
    let unit = range.map { ($0.upperBound - $0.lowerBound) / 255 } ?? 1.0 / 255
    guard unit > 0 else { return (epsilon, epsilon > 0 ? 1 : 0) }
    let e = epsilon / unit
    // The small allowance keeps 1.25 * 8 = 10 from rounding up to 11.
    return (unit, Int((min(e + 4, 1.25 * e) - 1e-9).rounded(.up)))
}

/// The basic iterative method, iterative FGSM (Kurakin et al. 2016, eq. 2): repeated FGSM
/// steps of size alpha, each clipped to the epsilon ball around the clean input and to the
/// data range:
///
///     x_0 = x,   x_{n+1} = clip_[a, b]( clip_{x, epsilon}( x_n + alpha * sign(grad_x J(f(x_n), y)) ) )
///
/// where clip_{x, epsilon} limits each coordinate to [x - epsilon, x + epsilon]. Without a
/// step size or iteration count, `kurakinSchedule(epsilon:clippedTo:)` gives the paper's.
///
///     let adversarial = iterativeFGSM(model, inputs: x, labels: y, epsilon: 8.0 / 255, clippedTo: 0...1)
///
/// - Parameters:
///   - model: Any layer whose output is logits [batch, classes].
///   - inputs: [batch, ...], inside `range` if one is given.
///   - labels: One class per row.
///   - epsilon: The l_inf budget, >= 0.
///   - stepSize: alpha, >= 0; one pixel value (the paper's alpha = 1) by default.
///   - iterations: >= 0; ceil(min(epsilon + 4, 1.25 epsilon)) in pixel values by default.
///   - range: The range of valid inputs; nil leaves the result unclipped.
///   - loss: The loss to increase; softmax cross-entropy by default.
/// - Returns: The adversarial inputs, a constant tensor shaped like `inputs`.
public func iterativeFGSM<Model: Layer>(
    _ model: Model, inputs: Tensor<Model.Scalar>, labels: [Int], epsilon: Double, stepSize: Double? = nil,
    iterations: Int? = nil, clippedTo range: ClosedRange<Double>? = nil,
    loss: AttackLoss<Model.Scalar> = { softmaxCrossEntropy(logits: $0, labels: $1) }
) -> Tensor<Model.Scalar> {
    let name = "iterativeFGSM"
    checkNonNegative(epsilon, name: "epsilon", attack: name)
    checkBatch(inputs, labels: labels, attack: name)
    let schedule = kurakinSchedule(epsilon: epsilon, clippedTo: range)
    let alpha = stepSize ?? schedule.stepSize
    let steps = iterations ?? schedule.iterations
    checkNonNegative(alpha, name: "stepSize", attack: name)
    checkCount(steps, name: "iterations", attack: name)
    let x = inputs.withoutDerivative()
    let eps = Model.Scalar(epsilon)
    var adversarial = x
    for _ in 0..<steps {
        if TrainingStop.isRequested { break }  // an interrupt: return the examples so far
        let g = inputGradient(of: model, inputs: adversarial, labels: labels, loss: loss, attack: name)
        adversarial = withoutGradientRecording {
            let stepped = adversarial + Model.Scalar(alpha) * sign(g)
            return clipped(x + (stepped - x).clamped(to: -eps...eps), to: range)
        }
    }
    return adversarial
}
