import Tensors

/// A fully connected layer: activation(x W + b), with W of shape [inputSize, outputSize].
///
///     var g = SeededGenerator(seed: 0)
///     let layer = Dense<Float>(inputSize: 2, outputSize: 32, activation: .relu, using: &g)
public struct Dense<Scalar: TensorScalar>: Layer {
    /// [inputSize, outputSize].
    public var weight: Tensor<Scalar>
    /// [outputSize].
    public var bias: Tensor<Scalar>
    public var activation: Activation<Scalar>

    /// A layer with the given weight and bias.
    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>, activation: Activation<Scalar> = .identity) {
        guard weight.rank == 2, bias.shape == [weight.shape[1]] else {
            fatalError("Dense needs a weight [in, out] and a bias [out], got \(weight.shape) and \(bias.shape)")
        }
        self.weight = weight
        self.bias = bias
        self.activation = activation
    }

    /// A layer with zero biases and weights drawn by He initialisation for ReLU (Glorot
    /// uniform for other activations).
    public init(inputSize: Int, outputSize: Int, activation: Activation<Scalar> = .identity, using generator: inout SeededGenerator) {
        guard inputSize > 0, outputSize > 0 else {
            fatalError("Dense needs positive sizes, got inputSize \(inputSize) and outputSize \(outputSize)")
        }
        let shape = [inputSize, outputSize]
        let weight = activation == .relu
            ? Tensor<Scalar>(heNormal: shape, using: &generator) : Tensor<Scalar>(glorotUniform: shape, using: &generator)
        self.init(weight: weight, bias: Tensor(zeros: [outputSize]), activation: activation)
    }

    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        guard input.rank == 2, input.shape[1] == weight.shape[0] else {
            fatalError(ShapeError.mismatch(operation: "Dense (input vs weight)", lhs: input.shape, rhs: weight.shape).description)
        }
        return activation(matmul(input, weight) + bias)
    }

    public mutating func forEachParameter(_ body: (inout Tensor<Scalar>) -> Void) {
        body(&weight)
        body(&bias)
    }
}
