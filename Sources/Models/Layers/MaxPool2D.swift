import Tensors

/// Max pooling over square windows of NCHW batches (no padding: only whole windows).
///
///     MaxPool2D<Float>()(Tensor<Float>(zeros: [8, 32, 28, 28])).shape   // [8, 32, 14, 14]
public struct MaxPool2D<Scalar: TensorScalar>: ParameterlessLayer, Sendable {
    /// The side of each window.
    public var window: Int
    /// The step between windows.
    public var stride: Int

    /// A pooling layer; the stride defaults to the window (non-overlapping windows).
    public init(window: Int = 2, stride: Int? = nil) {
        guard window >= 1, (stride ?? window) >= 1 else {
            fatalError("MaxPool2D needs a window and a stride of at least 1, got window \(window) and stride \(stride ?? window)")
        }
        self.window = window
        self.stride = stride ?? window
    }

    /// The batch [batch, channels, height, width] pooled per channel.
    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        maxPool2D(input, window: window, stride: stride)
    }
}
