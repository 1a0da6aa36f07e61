import Foundation
import MarginKit

/// A network of the image notebooks as the image workload times it.
struct ImageNetwork {
    /// The name printed, and the one `--network` selects by.
    var name: String
    /// The shape of one input sample.
    var sampleShape: [Int]
    /// The training batch size.
    var batchSize: Int
    /// Where the margin is measured (the input and every hidden activation the notebooks use).
    var marginLayers: [Int]
    /// Builds the network's initial weights.
    var make: (inout SeededGenerator) -> Sequential<Float>

    /// The image notebooks' MLP on flattened 28x28 images: 784-256-256-10 (ReLU), batch 128,
    /// margin at the input and both hidden layers.
    static let mlp = ImageNetwork(name: "mlp", sampleShape: [784], batchSize: 128, marginLayers: [-1, 0, 1]) {
        Sequential<Float>.multilayerPerceptron(sizes: [784, 256, 256, 10], using: &$0)
    }
    /// The paper's MNIST CNN, batch 256, margin at the input, both pooled convolutions and the
    /// dense layer (as `margin-bench cnn`).
    static let cnn = ImageNetwork(name: "cnn", sampleShape: [1, 28, 28], batchSize: 256, marginLayers: [-1, 1, 3, 5]) {
        Sequential<Float>.mnistConvolutionalNetwork(using: &$0)
    }
}

/// Prints, for each network of `networks`, the time of a training step (forward, loss,
/// backward, RMSProp lr 1e-4) on a batch of random [0, 1] images for cross-entropy and the two
/// first-order margin forms the notebooks train with (paper: l2, max over all 9 other
/// classes, gamma 1; reference: l_inf, top-1, gamma 10,000, alpha 4), and of one IFGSM
/// iteration (input gradient of the cross-entropy, signed step, projection onto the
/// epsilon-ball and [0, 1]) on 1,000 images, each with its ratio to the cross-entropy step.
/// All four are timed in interleaved rounds (`interleavedMedians`), `seconds` per body.
/// `Benchmarks/peers/torch_margin_steps.py images` times the same in PyTorch.
func runImageWorkload(seconds: Double, networks: [ImageNetwork]) {
    for network in networks {
        print("\n== image workload: \(network.name), batch \(network.batchSize), margin layers \(network.marginLayers), "
              + "IFGSM on 1,000 images; random [0, 1] inputs \(network.sampleShape), 10 classes")
        var g = SeededGenerator(seed: 0)
        let inputs = Tensor<Float>(randomUniform: [network.batchSize] + network.sampleShape, using: &g)
        let labels = (0..<network.batchSize).map { _ in g.nextInt(below: 10) }
        let attacked = Tensor<Float>(randomUniform: [1_000] + network.sampleShape, using: &g)
        let attackedLabels = (0..<1_000).map { _ in g.nextInt(below: 10) }
        let initial = network.make(&g)
        let paper = MarginConfiguration(gamma: 1, norm: .l2, aggregation: .max, gradient: .firstOrder)
        let reference = MarginConfiguration(
            gamma: 10_000, norm: .lInfinity, aggregation: .topK(1), gradient: .firstOrder, form: .reference(alpha: 4))
        let losses: [NamedLoss] = [
            ("cross-entropy", { softmaxCrossEntropy(logits: $0(inputs), labels: labels) }),
            ("margin paper l2, first-order", {
                largeMarginLoss(model: $0, inputs: inputs, labels: labels, layers: network.marginLayers, configuration: paper)
            }),
            ("margin reference l_inf (top-1), first-order", {
                largeMarginLoss(model: $0, inputs: inputs, labels: labels, layers: network.marginLayers, configuration: reference)
            }),
        ]
        var models = Array(repeating: initial, count: losses.count)
        var optimizers = Array(repeating: RMSProp<Float>(learningRate: 1e-4), count: losses.count)
        let steps: [() -> Void] = losses.indices.map { i in { step(&models[i], &optimizers[i], losses[i].loss) } }
        let attack = {
            _ = iterativeFGSM(initial, inputs: attacked, labels: attackedLabels, epsilon: 0.1, stepSize: 1.0 / 255,
                              iterations: 1, clippedTo: 0...1)
        }
        let figures = interleavedMedians(seconds: seconds * 4, inner: 1, settle: 1, warmupRounds: 2, steps + [attack])
        for (name, figure) in zip(losses.map(\.name) + ["IFGSM iteration, 1,000 images"], figures) {
            print(name.padding(toLength: 46, withPad: " ", startingAt: 0)
                + String(format: " %9.2f ms   %.2fx cross-entropy", figure.seconds * 1e3, figure.ratio))
        }
    }
}
