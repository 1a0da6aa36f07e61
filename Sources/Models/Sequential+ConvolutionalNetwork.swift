import Tensors

extension Sequential {
    /// The MNIST-shaped convolutional network of the paper's experiments (and of the team's
    /// PyTorch peer), for [batch, 1, 28, 28] inputs:
    ///
    ///     index  layer                                   output
    ///       0    Conv2D 5x5, 32 filters, .same, ReLU     [batch, 32, 28, 28]
    ///       1    MaxPool2D 2x2                           [batch, 32, 14, 14]
    ///       2    Conv2D 5x5, 64 filters, .same, ReLU     [batch, 64, 14, 14]
    ///       3    MaxPool2D 2x2                           [batch, 64, 7, 7]
    ///       4    Flatten                                 [batch, 3136]
    ///       5    Dense 3136 -> 512, ReLU                 [batch, 512]
    ///       6    Dense 512 -> classCount                 [batch, classCount] (logits)
    ///
    /// The hidden activations where the paper measures margins are those of layers 1, 3
    /// and 5 (and -1, the input):
    ///
    ///     var g = SeededGenerator(seed: 0)
    ///     let model = Sequential<Float>.mnistConvolutionalNetwork(using: &g)
    ///     let (logits, hidden) = model.applied(to: x, keepingActivationsOf: [-1, 1, 3, 5])
    ///
    /// With `batchNormalization`, a `BatchNorm` follows each pooling, as in the paper's
    /// released MNIST code (`mnist/mnist_model.py`): layers 2 and 5 are then `BatchNorm` over
    /// 32 and 64 channels, Flatten is 6, the dense layers 7 and 8, and the margin's hidden
    /// layers those of indices 2, 5 and 7 (after the normalisation, as the released code
    /// takes them). `BatchNorm`'s documentation says what batch statistics do to the
    /// per-sample gradients the margin uses (PAPER-CLAIMS D12).
    ///
    /// - Parameters:
    ///   - classCount: The number of classes (10 for MNIST).
    ///   - batchNormalization: Whether a `BatchNorm` follows each pooling (default false).
    ///   - generator: Draws the initial weights (He normal for every ReLU layer, Glorot
    ///     uniform for the output layer; zero biases).
    public static func mnistConvolutionalNetwork(
        classCount: Int = 10, batchNormalization: Bool = false, using generator: inout SeededGenerator
    ) -> Sequential {
        let normalized: (Int) -> [any Layer<Scalar>] = { channels in batchNormalization ? [BatchNorm<Scalar>(channels: channels)] : [] }
        let convolutions: [any Layer<Scalar>] =
            [Conv2D<Scalar>(inputChannels: 1, outputChannels: 32, kernelSize: 5, padding: .same, activation: .relu, using: &generator),
             MaxPool2D<Scalar>(window: 2)] + normalized(32)
            + [Conv2D<Scalar>(inputChannels: 32, outputChannels: 64, kernelSize: 5, padding: .same, activation: .relu, using: &generator),
               MaxPool2D<Scalar>(window: 2)] + normalized(64)
        return Sequential(convolutions + [
            Flatten<Scalar>(),
            Dense<Scalar>(inputSize: 7 * 7 * 64, outputSize: 512, activation: .relu, using: &generator),
            Dense<Scalar>(inputSize: 512, outputSize: classCount, using: &generator),
        ])
    }
}
