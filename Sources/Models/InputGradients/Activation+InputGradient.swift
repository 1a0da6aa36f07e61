import Tensors

extension Activation {
    /// The seeds times the activation's derivative, written in terms of its output.
    public func inputGradient(of seeds: Tensor<Scalar>, input: Tensor<Scalar>, output: Tensor<Scalar>) -> Tensor<Scalar>? {
        applyingDerivative(to: seeds, output: output)
    }

    /// Seeds [R·B, ...] times the derivative at the activation's output [B, ...]:
    /// 1 (identity), output > 0 (ReLU), 1 - output² (tanh), output (1 - output) (sigmoid).
    func applyingDerivative(to seeds: Tensor<Scalar>, output: Tensor<Scalar>) -> Tensor<Scalar> {
        switch self {
        case .identity: return seeds
        case .relu: return seeds.multiplyingEachReplica(by: output.positiveMask())
        case .tanh: return seeds.multiplyingEachReplica(by: 1 - output * output)
        case .sigmoid: return seeds.multiplyingEachReplica(by: output * (1 - output))
        }
    }
}
