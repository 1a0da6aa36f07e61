import Tensors

extension Dense {
    /// The activation's derivative (from the output), then the seeds times Wᵀ: [R·B, inputSize].
    public func inputGradient(of seeds: Tensor<Scalar>, input: Tensor<Scalar>, output: Tensor<Scalar>) -> Tensor<Scalar>? {
        matmul(activation.applyingDerivative(to: seeds, output: output), weight, transposeB: true)
    }
}
