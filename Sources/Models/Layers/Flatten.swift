import Tensors

/// Reshapes a batch [batch, d1, d2, ...] to [batch, d1 * d2 * ...], keeping the values in
/// row-major order (between convolutional and dense layers).
///
///     Flatten<Float>()(Tensor<Float>(zeros: [8, 64, 7, 7])).shape   // [8, 3136]
public struct Flatten<Scalar: TensorScalar>: ParameterlessLayer, Sendable {
    /// A flattening layer.
    public init() {}

    /// The batch with every sample flattened to one row.
    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        guard input.rank >= 1 else { fatalError("Flatten needs a batch [batch, ...], got a scalar tensor") }
        return input.reshaped(to: [input.shape[0], input.shape.dropFirst().reduce(1, *)])
    }
}
