import Models
import Tensors

/// Projected gradient descent with a random start (Madry et al. 2018, "Towards deep learning
/// models resistant to adversarial attacks", eq. 2), in the l_inf or the l2 ball:
///
///     x_0 = clip_[a, b](x + delta_0),   delta_0 random in the ball B(epsilon)
///     x_{n+1} = clip_[a, b]( x + Pi_B(epsilon)( x_n + alpha * s(grad_x J(f(x_n), y)) - x ) )
///
/// with s(g) = sign(g) for l_inf and s(g) = g / ||g||_2 per sample for l2. Pi is the
/// projection onto the ball: clamping each coordinate to [-epsilon, epsilon] (l_inf), or
/// scaling delta by min(1, epsilon / ||delta||_2) (l2). The random start is uniform in the
/// cube for l_inf, and for l2 a uniformly random direction at a radius drawn uniformly from
/// [0, epsilon]. Clipping to the data range keeps the point in the ball when the clean input
/// lies in the range. The result is decided by `seed`.
///
///     let adversarial = pgd(model, inputs: x, labels: y, epsilon: 0.3, norm: .lInfinity, clippedTo: 0...1, seed: 1)
///
/// - Parameters:
///   - model: Any layer whose output is logits [batch, classes].
///   - inputs: [batch, ...], inside `range` if one is given.
///   - labels: One class per row.
///   - epsilon: The radius of the ball, >= 0.
///   - norm: `.lInfinity` (the paper's) or `.l2`.
///   - stepSize: alpha, >= 0; 2.5 epsilon / iterations by default (the rule of Madry et al.'s
///     robustness library: enough to cross the ball from any start).
///   - iterations: >= 0; 40 by default (the paper's MNIST setting).
///   - range: The range of valid inputs; nil leaves the result unclipped.
///   - seed: Decides the random start.
///   - loss: The loss to increase; softmax cross-entropy by default.
/// - Returns: The adversarial inputs, a constant tensor shaped like `inputs`.
public func pgd<Model: Layer>(
    _ model: Model, inputs: Tensor<Model.Scalar>, labels: [Int], epsilon: Double, norm: Norm = .lInfinity,
    stepSize: Double? = nil, iterations: Int = 40, clippedTo range: ClosedRange<Double>? = nil, seed: UInt64 = 0,
    loss: AttackLoss<Model.Scalar> = { softmaxCrossEntropy(logits: $0, labels: $1) }
) -> Tensor<Model.Scalar> {
    let name = "pgd"
    checkNonNegative(epsilon, name: "epsilon", attack: name)
    checkCount(iterations, name: "iterations", attack: name)
    let alpha = stepSize ?? (iterations > 0 ? 2.5 * epsilon / Double(iterations) : 0)
    checkNonNegative(alpha, name: "stepSize", attack: name)
    guard norm == .lInfinity || norm == .l2 else { fail(.unsupportedNorm(attack: name, norm: norm)) }
    checkBatch(inputs, labels: labels, attack: name)
    let x = inputs.withoutDerivative()
    var generator = SeededGenerator(seed: seed)
    let start: Tensor<Model.Scalar> = randomPoint(inBallOf: norm, radius: epsilon, shape: x.shape, using: &generator)
    var adversarial = withoutGradientRecording { clipped(x + start, to: range) }
    for _ in 0..<iterations {
        if TrainingStop.isRequested { break }  // an interrupt: return the examples so far
        let g = inputGradient(of: model, inputs: adversarial, labels: labels, loss: loss, attack: name)
        adversarial = withoutGradientRecording {
            let direction: Tensor<Model.Scalar> = norm == .lInfinity ? sign(g) : unitSamples(g)
            let stepped = adversarial + Model.Scalar(alpha) * direction
            return clipped(x + projected(stepped - x, ontoBallOf: norm, radius: epsilon), to: range)
        }
    }
    return adversarial
}

/// `delta` projected onto the ball of `radius` around 0, sample by sample: clamped for l_inf,
/// scaled by min(1, radius / ||delta||_2) for l2.
func projected<Scalar>(_ delta: Tensor<Scalar>, ontoBallOf norm: Norm, radius: Double) -> Tensor<Scalar> {
    let r = Scalar(radius)
    if norm == .lInfinity { return delta.clamped(to: -r...r) }
    return delta * min(r / max(sampleNorms(delta), Scalar.leastNormalMagnitude), 1)
}

/// A random perturbation per sample: uniform in [-radius, radius]^d for l_inf; for l2 a
/// uniformly random direction (a normalised Gaussian) times a radius uniform in [0, radius].
func randomPoint<Scalar>(
    inBallOf norm: Norm, radius: Double, shape: [Int], using generator: inout SeededGenerator
) -> Tensor<Scalar> {
    let r = Scalar(radius)
    if norm == .lInfinity { return Tensor(randomUniform: shape, in: -r..<r, using: &generator) }
    let direction = unitSamples(Tensor<Scalar>(randomNormal: shape, using: &generator))
    var radiusShape = Array(repeating: 1, count: shape.count)
    radiusShape[0] = shape[0]
    return direction * Tensor<Scalar>(randomUniform: radiusShape, in: 0..<max(r, 0), using: &generator)
}
