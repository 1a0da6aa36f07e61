import Tensors

extension Conv2D {
    /// The activation's derivative (from the output), then the transposed convolution of the
    /// seeds with the filter: [R·B, inChannels, height, width].
    public func inputGradient(of seeds: Tensor<Scalar>, input: Tensor<Scalar>, output: Tensor<Scalar>) -> Tensor<Scalar>? {
        inputGradient(ofPreActivation: activation.applyingDerivative(to: seeds, output: output), input: input)
    }

    /// The transposed convolution alone: seeds with respect to the pre-activation (R per
    /// sample of `input`) mapped back to the input, [R·B, inChannels, height, width].
    public func inputGradient(ofPreActivation seeds: Tensor<Scalar>, input: Tensor<Scalar>) -> Tensor<Scalar> {
        conv2DInputGradient(seeds, filter: filter, inputShape: [seeds.shape[0]] + Array(input.shape.dropFirst()),
                            stride: stride, padding: padding)
    }

    /// Back through `pool` and this ReLU convolution at once: `seeds` on the pooled output (R
    /// per sample of `input`), `poolInput` this layer's output. The ReLU's derivative is taken
    /// at each window's winner, and the seeds are routed to the winners and mapped back to the
    /// input in one pass, without the routed seeds in memory. [R·B, inChannels, height, width].
    public func inputGradient(
        throughReLUPool pool: MaxPool2D<Scalar>, ofPooled seeds: Tensor<Scalar>, poolInput: Tensor<Scalar>,
        input: Tensor<Scalar>
    ) -> Tensor<Scalar> {
        conv2DInputGradient(
            throughMaxPoolOf: seeds, poolInput: poolInput, window: pool.window, poolStride: pool.stride, filter: filter,
            inputShape: input.shape, stride: stride, padding: padding, onlyPositiveWinners: true)
    }
}

extension MaxPool2D {
    /// Each seed routed to its window's winner in the input.
    public func inputGradient(of seeds: Tensor<Scalar>, input: Tensor<Scalar>, output: Tensor<Scalar>) -> Tensor<Scalar>? {
        maxPool2DInputGradient(of: seeds, input: input, window: window, stride: stride)
    }
}

extension Flatten {
    /// The seeds in the input's shape.
    public func inputGradient(of seeds: Tensor<Scalar>, input: Tensor<Scalar>, output: Tensor<Scalar>) -> Tensor<Scalar>? {
        seeds.reshaped(to: [seeds.shape[0]] + Array(input.shape.dropFirst()))
    }
}
