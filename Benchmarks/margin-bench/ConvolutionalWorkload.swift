import Foundation
import MarginKit

/// Prints the time per training step of the MNIST-shaped CNN (conv5x5x32 'same', ReLU,
/// maxpool 2, conv5x5x64 'same', ReLU, maxpool 2, dense 512, ReLU, dense 10) on a random
/// batch of 256 [1, 28, 28] images, for each loss, with its ratio to cross-entropy.
///
/// The margin is measured at the input and the three hidden activations (both pooled
/// convolutions and the dense layer: indices -1, 1, 3, 5), as the PyTorch peer's "all".
/// Paper form: l2, max over all 9 other classes, gamma 1. Reference form: l_inf, top-1,
/// gamma 10000, alpha 4. Step: forward, loss, backward, RMSProp (lr 1e-4).
///
/// - Parameters:
///   - seconds: The time budget per loss after warm-up; the losses are timed in interleaved
///     rounds, one step of each per round (at least 5 rounds), so the ratios to cross-entropy
///     come from steps taken minutes apart at most.
///   - only: Substrings of the loss names to run (cross-entropy always runs); all when empty.
///   - profileSteps: When given, run that many steps of the last selected loss, untimed, for
///     `perf record` or `/usr/bin/time`, and print nothing else.
func runConvolutionalWorkload(seconds: Double, only: [String], profileSteps: Int? = nil) {
    let batch = 256
    print("\n== CNN training step: MNIST-shaped network, batch \(batch), [1, 28, 28] random inputs, 10 classes, RMSProp")
    var g = SeededGenerator(seed: 0)
    let inputs = Tensor<Float>(randomUniform: [batch, 1, 28, 28], using: &g)
    let labels = (0..<batch).map { _ in g.nextInt(below: 10) }
    let initial = Sequential<Float>.mnistConvolutionalNetwork(using: &g)
    let layers = [-1, 1, 3, 5]
    var losses: [(String, (Sequential<Float>) -> Tensor<Float>)] = [
        ("cross-entropy", { softmaxCrossEntropy(logits: $0(inputs), labels: labels) }),
        ("multi-class hinge", { multiclassHinge(logits: $0(inputs), labels: labels) }),
    ]
    for form in [MarginConfiguration.Form.paper, .reference(alpha: 4)] {
        for mode in [MarginConfiguration.GradientMode.firstOrder, .exact] {
            let configuration = form == .paper
                ? MarginConfiguration(gamma: 1, norm: .l2, aggregation: .max, gradient: mode)
                : MarginConfiguration(gamma: 10_000, norm: .lInfinity, aggregation: .topK(1), gradient: mode, form: form)
            let name = (form == .paper ? "margin paper l2 " : "margin reference l_inf (top-1) ")
                + (mode == .exact ? "exact" : "first-order")
            losses.append((name, { largeMarginLoss(model: $0, inputs: inputs, labels: labels, layers: layers, configuration: configuration) }))
        }
    }
    if !only.isEmpty {
        losses = losses.filter { name, _ in name == "cross-entropy" || only.contains { name.contains($0) } }
    }
    if let profileSteps, let (_, loss) = losses.last {
        var model = initial
        var optimizer = RMSProp<Float>(learningRate: 1e-4)
        for _ in 0..<profileSteps {
            let (_, gradient) = valueWithGradient(at: model, of: loss)
            optimizer.update(&model, along: gradient)
        }
        return
    }
    // One model and optimizer per loss, stepped in interleaved rounds.
    var models = Array(repeating: initial, count: losses.count)
    var optimizers = Array(repeating: RMSProp<Float>(learningRate: 1e-4), count: losses.count)
    let figures = interleavedMedians(seconds: seconds * Double(losses.count), warmupRounds: 2, losses.indices.map { i in
        {
            let (_, gradient) = valueWithGradient(at: models[i], of: losses[i].1)
            optimizers[i].update(&models[i], along: gradient)
        }
    })
    for ((name, _), figure) in zip(losses, figures) {
        print(name.padding(toLength: 46, withPad: " ", startingAt: 0)
            + String(format: " %9.1f ms   %.2fx cross-entropy", figure.seconds * 1e3, figure.ratio))
    }
}
