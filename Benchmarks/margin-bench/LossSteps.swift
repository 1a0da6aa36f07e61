import Foundation
import MarginKit

/// A loss of a model on the benchmark's fixed batch, with the name it is printed under.
typealias NamedLoss = (name: String, loss: (Sequential<Float>) -> Tensor<Float>)

/// One training step: the loss's gradient at `model`, then an RMSProp update.
func step(_ model: inout Sequential<Float>, _ optimizer: inout RMSProp<Float>, _ loss: (Sequential<Float>) -> Tensor<Float>) {
    let (_, gradient) = valueWithGradient(at: model, of: loss)
    optimizer.update(&model, along: gradient)
}

/// `steps` untimed training steps of `loss` from `initial` (RMSProp, lr 1e-4), for a profiler.
func runSteps(of loss: (Sequential<Float>) -> Tensor<Float>, from initial: Sequential<Float>, steps: Int) {
    var model = initial
    var optimizer = RMSProp<Float>(learningRate: 1e-4)
    for _ in 0..<steps { step(&model, &optimizer, loss) }
}

/// Times a training step (RMSProp, lr 1e-4) of each loss from `initial`, each with its own
/// model, in interleaved rounds of `inner` timed steps after as many untimed ones
/// (`interleavedMedians`), and prints each median with its ratio to the first loss
/// (cross-entropy).
func printLossSteps(
    _ losses: [NamedLoss], from initial: Sequential<Float>, secondsPerLoss: Double, inner: Int,
    inMilliseconds: Bool, nameWidth: Int
) {
    var models = Array(repeating: initial, count: losses.count)
    var optimizers = Array(repeating: RMSProp<Float>(learningRate: 1e-4), count: losses.count)
    let figures = interleavedMedians(seconds: secondsPerLoss * Double(losses.count), inner: inner, settle: inner, warmupRounds: 2,
                                     losses.indices.map { i in { step(&models[i], &optimizers[i], losses[i].loss) } })
    for (loss, figure) in zip(losses, figures) {
        let time = inMilliseconds
            ? String(format: "%9.1f ms", figure.seconds * 1e3) : String(format: "%8.1f us", figure.seconds * 1e6)
        print(loss.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            + " \(time)   " + String(format: "%.2fx cross-entropy", figure.ratio))
    }
}
