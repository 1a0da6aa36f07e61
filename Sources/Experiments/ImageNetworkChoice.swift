import Datasets
import Models
import Tensors

/// The network of an image experiment, chosen by a notebook parameter: "mlp", a perceptron
/// with two hidden layers on flat images, or "cnn", the paper's released convolutional network
/// with batch norm on [1, 28, 28] images; with the layers an all-layer margin is measured at.
///
///     let choice = try ImageNetworkChoice.named("mlp", hiddenUnits: 128)
///     let fashion = try FashionMNIST.load(layout: choice.layout)
///     let network = choice.network(classCount: fashion.classNames.count)
public struct ImageNetworkChoice: CustomStringConvertible {
    /// "mlp" or "cnn".
    public var name: String
    /// How the images must be laid out for it.
    public var layout: ImageLayout
    /// The input (-1) and every hidden layer: [-1, 0, 1] for the perceptron, [-1, 2, 5, 7]
    /// (the two convolution blocks after their batch norm, and the dense layer) for the CNN.
    public var allLayers: [Int]
    /// The perceptron's hidden width (unused by the CNN).
    public var hiddenUnits: Int
    /// "784-H-H-10 perceptron" (H the hidden width) or "the released CNN with batch norm".
    public var description: String {
        name == "cnn" ? "the released CNN with batch norm" : "784-\(hiddenUnits)-\(hiddenUnits)-10 perceptron"
    }

    /// The network `name` ("mlp" or "cnn") for 28x28 grey images; `hiddenUnits` is the
    /// perceptron's width.
    /// - Throws: `DatasetError.invalidParameter` for any other name.
    public static func named(_ name: String, hiddenUnits: Int) throws -> ImageNetworkChoice {
        switch name {
        case "mlp": return ImageNetworkChoice(name: name, layout: .flattened, allLayers: [-1, 0, 1], hiddenUnits: hiddenUnits)
        case "cnn": return ImageNetworkChoice(name: name, layout: .channelsFirst, allLayers: [-1, 2, 5, 7], hiddenUnits: hiddenUnits)
        default:
            throw DatasetError.invalidParameter(name: "network", value: name, requirement: "mlp or cnn", operation: "ImageNetworkChoice.named")
        }
    }

    /// Builds the chosen network for `classCount` classes from a generator.
    public func network(classCount: Int) -> (inout SeededGenerator) -> Sequential<Float> {
        let hidden = hiddenUnits
        return name == "cnn"
            ? { Sequential<Float>.mnistConvolutionalNetwork(classCount: classCount, batchNormalization: true, using: &$0) }
            : { Sequential<Float>.multilayerPerceptron(sizes: [784, hidden, hidden, classCount], using: &$0) }
    }
}
