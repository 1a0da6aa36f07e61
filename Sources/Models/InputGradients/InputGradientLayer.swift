import Tensors

/// A layer that maps gradients with respect to its output back to its input for several seeds
/// per sample at once: one batched vector-Jacobian product instead of one backward pass per
/// seed. The large-margin loss uses it to get the gradients of every compared class from one
/// pass back through the model (`SequentialTrace.inputGradients(of:at:)`).
///
/// Seeds hold R seeds per sample, replica-major: for an input of B samples, row `r * B + b` of
/// the seeds belongs to sample `b`.
public protocol InputGradientLayer<Scalar>: Layer {
    /// The gradients of ⟨seed, self(input)⟩ with respect to `input`, one per seed row:
    /// [R·B, input shape...] for `seeds` [R·B, output shape...]. `output` is `self(input)`,
    /// computed once by the caller.
    ///
    /// Built from differentiable operations on the seeds, the parameters, `input` and `output`,
    /// so differentiating the result again (the exact margin gradient) is exact.
    func inputGradient(of seeds: Tensor<Scalar>, input: Tensor<Scalar>, output: Tensor<Scalar>) -> Tensor<Scalar>
}

extension Tensor {
    /// Seeds [R·B, ...] multiplied by a per-sample factor [B, ...] (the same factor for each of
    /// the R replicas): the local derivative of an elementwise layer applied to every seed.
    public func multiplyingEachReplica(by perSample: Tensor) -> Tensor {
        let samples = perSample.shape[0]
        guard samples > 0, shape[0] % samples == 0, Array(shape.dropFirst()) == Array(perSample.shape.dropFirst()) else {
            fatalError(ShapeError.mismatch(operation: "multiplyingEachReplica (seeds vs per-sample factor)",
                                           lhs: shape, rhs: perSample.shape).description)
        }
        if shape[0] == samples { return self * perSample }
        let replicas = shape[0] / samples
        return (reshaped(to: [replicas] + perSample.shape) * perSample).reshaped(to: shape)
    }
}
