import Tensors

/// An elementwise nonlinearity, usable inside a `Dense` layer or as a layer of its own.
///
///     Sequential<Float>([Dense(inputSize: 2, outputSize: 8, using: &g), Activation.relu])
public enum Activation<Scalar: TensorScalar>: ParameterlessLayer, Sendable {
    case identity, relu, tanh, sigmoid

    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        switch self {
        case .identity: return input
        case .relu: return Tensors.relu(input)
        case .tanh: return Tensors.tanh(input)
        case .sigmoid: return Tensors.sigmoid(input)
        }
    }
}
