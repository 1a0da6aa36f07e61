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
    /// - Parameters:
    ///   - classCount: The number of classes (10 for MNIST).
    ///   - generator: Draws the initial weights (He normal for every ReLU layer, Glorot
    ///     uniform for the output layer; zero biases).
    public static func mnistConvolutionalNetwork(classCount: Int = 10, using generator: inout SeededGenerator) -> Sequential {
        Sequential([
            Conv2D<Scalar>(inputChannels: 1, outputChannels: 32, kernelSize: 5, padding: .same, activation: .relu, using: &generator),
            MaxPool2D<Scalar>(window: 2),
            Conv2D<Scalar>(inputChannels: 32, outputChannels: 64, kernelSize: 5, padding: .same, activation: .relu, using: &generator),
            MaxPool2D<Scalar>(window: 2),
            Flatten<Scalar>(),
            Dense<Scalar>(inputSize: 7 * 7 * 64, outputSize: 512, activation: .relu, using: &generator),
            Dense<Scalar>(inputSize: 512, outputSize: classCount, using: &generator),
        ])
    }
}
