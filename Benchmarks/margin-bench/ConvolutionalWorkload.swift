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
    var losses: [NamedLoss] = [
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
    if let profileSteps, let last = losses.last {
        runSteps(of: last.loss, from: initial, steps: profileSteps)
        return
    }
    printLossSteps(losses, from: initial, secondsPerLoss: seconds, inner: 1, inMilliseconds: true, nameWidth: 46)
}
