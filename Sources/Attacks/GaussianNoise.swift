import Tensors

/// Additive Gaussian noise, the baseline "attack" that ignores the model: how much of a
/// model's loss of accuracy under attack random perturbations of the same size would cause.
///
///     x' = clip_[a, b]( x + standardDeviation * z ),   z ~ N(0, I)
///
/// The noise is decided by `seed`. Its expected l2 length per sample is about
/// standardDeviation * sqrt(d) for d scalars per sample, and its l_inf size is unbounded.
///
///     let noisy = addingGaussianNoise(to: x, standardDeviation: 0.1, seed: 0, clippedTo: 0...1)
///
/// - Parameters:
///   - inputs: [batch, ...].
///   - standardDeviation: sigma, >= 0, in the units of the inputs.
///   - seed: Decides the noise.
///   - range: The range of valid inputs; nil leaves the result unclipped.
/// - Returns: A constant tensor shaped like `inputs`.
public func addingGaussianNoise<Scalar>(
    to inputs: Tensor<Scalar>, standardDeviation: Double, seed: UInt64 = 0, clippedTo range: ClosedRange<Double>? = nil
) -> Tensor<Scalar> {
    checkNonNegative(standardDeviation, name: "standardDeviation", attack: "gaussianNoise")
    guard inputs.rank >= 1, inputs.shape[0] > 0 else { fail(.emptyBatch(attack: "gaussianNoise")) }
    var generator = SeededGenerator(seed: seed)
    let noise = Tensor<Scalar>(randomNormal: inputs.shape, standardDeviation: Scalar(standardDeviation), using: &generator)
    return withoutGradientRecording { clipped(inputs.withoutDerivative() + noise, to: range) }
}
