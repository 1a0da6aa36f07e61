import Tensors

/// A 2-D convolution layer: activation(conv2D(x, filter) + bias) on NCHW batches, with a
/// filter of shape [outChannels, inChannels, kernelSize, kernelSize] (OIHW).
///
///     var g = SeededGenerator(seed: 0)
///     let layer = Conv2D<Float>(inputChannels: 1, outputChannels: 32, kernelSize: 5, padding: .same,
///                               activation: .relu, using: &g)
///     layer(Tensor<Float>(zeros: [8, 1, 28, 28])).shape   // [8, 32, 28, 28]
public struct Conv2D<Scalar: TensorScalar>: Layer {
    /// [outChannels, inChannels, kernelHeight, kernelWidth].
    public var filter: Tensor<Scalar>
    /// [outChannels].
    public var bias: Tensor<Scalar>
    /// The step between windows, on both axes.
    public var stride: Int
    /// `.valid` (whole windows only) or `.same` (zeros around the input, TensorFlow's rule).
    public var padding: ConvolutionPadding
    /// Applied to the convolution plus bias.
    public var activation: Activation<Scalar>

    /// A layer with the given filter and bias.
    public init(
        filter: Tensor<Scalar>, bias: Tensor<Scalar>, stride: Int = 1, padding: ConvolutionPadding = .valid,
        activation: Activation<Scalar> = .identity
    ) {
        guard filter.rank == 4, bias.shape == [filter.shape[0]] else {
            fatalError("Conv2D needs a filter [out, in, kernelHeight, kernelWidth] and a bias [out], got \(filter.shape) and \(bias.shape)")
        }
        guard stride >= 1 else { fatalError("Conv2D needs a stride of at least 1, got \(stride)") }
        self.filter = filter
        self.bias = bias
        self.stride = stride
        self.padding = padding
        self.activation = activation
    }

    /// A layer with zero biases and square filters drawn by He initialisation for ReLU
    /// (normal, variance 2 / fanIn) or Glorot uniform for other activations, where
    /// fanIn = inputChannels * kernelSize^2 and fanOut = outputChannels * kernelSize^2.
    public init(
        inputChannels: Int, outputChannels: Int, kernelSize: Int, stride: Int = 1, padding: ConvolutionPadding = .valid,
        activation: Activation<Scalar> = .identity, using generator: inout SeededGenerator
    ) {
        guard inputChannels > 0, outputChannels > 0, kernelSize > 0 else {
            fatalError("Conv2D needs positive sizes, got inputChannels \(inputChannels), outputChannels \(outputChannels) and kernelSize \(kernelSize)")
        }
        let shape = [outputChannels, inputChannels, kernelSize, kernelSize]
        let fanIn = inputChannels * kernelSize * kernelSize
        let fanOut = outputChannels * kernelSize * kernelSize
        let filter = activation == .relu
            ? Tensor<Scalar>(heNormal: shape, fanIn: fanIn, using: &generator)
            : Tensor<Scalar>(glorotUniform: shape, fanIn: fanIn, fanOut: fanOut, using: &generator)
        self.init(filter: filter, bias: Tensor(zeros: [outputChannels]), stride: stride, padding: padding, activation: activation)
    }

    /// The layer applied to a batch [batch, inChannels, height, width].
    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        guard input.rank == 4, input.shape[1] == filter.shape[1] else {
            fatalError(ShapeError.mismatch(operation: "Conv2D (input [batch, channels, height, width] vs filter [out, in, kh, kw])", lhs: input.shape, rhs: filter.shape).description)
        }
        return activation(conv2D(input, filter: filter, bias: bias, stride: stride, padding: padding))
    }

    /// Visits the filter, then the bias.
    public mutating func forEachParameter(_ body: (inout Tensor<Scalar>) -> Void) {
        body(&filter)
        body(&bias)
    }
}
