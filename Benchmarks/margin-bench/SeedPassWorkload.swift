import Foundation
import MarginKit

/// Prints how fast the first-order margin loss's nine-seed pass runs on the MNIST-shaped CNN
/// (batch 256, margin at the input and the three hidden activations), beside a cross-entropy
/// step, and how its dominant part, the way back through the second convolution, compares
/// with the dense transposed convolution it replaced.
///
/// The pass sends 9 seeds per sample (one per other class) back from the logits to
/// activations -1, 1, 3 and 5 (`SequentialTrace.inputGradients`). Done densely, that is, per
/// seed, the transposed dense layers (10 x 512 and 512 x 3136) and convolutions (800 x 64 by
/// 64 x 196, and 25 x 32 by 32 x 784): 56.6 GFLOP. The seeds on a max-pooled ReLU
/// convolution sit on a quarter of its output, so the pass scatters the filter rows of the
/// winners instead (`conv2DInputGradient(throughMaxPoolOf:)`): per seed, 800 multiply-adds
/// per winning channel and position whose value is positive. That part is timed alone both
/// ways: the scatter, and the dense route-then-transpose (`maxPool2DInputGradient`, then
/// `conv2DInputGradient`, BLAS on all threads).
func runSeedPassWorkload(seconds: Double) {
    let batch = 256, seedsPerSample = 9
    print("\n== CNN nine-seed pass: MNIST-shaped network, batch \(batch), \(seedsPerSample) seeds per sample to activations -1, 1, 3, 5")
    var g = SeededGenerator(seed: 0)
    let inputs = Tensor<Float>(randomUniform: [batch, 1, 28, 28], using: &g)
    let labels = (0..<batch).map { _ in g.nextInt(below: 10) }
    let model = Sequential<Float>.mnistConvolutionalNetwork(using: &g)
    let seeds = Tensor<Float>(randomUniform: [seedsPerSample * batch, 10], using: &g)
    let trace = model.trace(inputs)
    let multiplyAddsPerSeed: Int = 10 * 512 + 512 * 3136 + 800 * 64 * 196 + 25 * 32 * 784
    let denseOperations = 2 * Double(multiplyAddsPerSeed) * Double(seedsPerSample * batch)

    // The second convolution's way back: its input (layer 1's output), its ReLU output (what
    // layer 3 pools) and seeds on the pooled output.
    guard let convolution = model.layers[2] as? Conv2D<Float> else { fatalError("layer 2 of the MNIST network is a Conv2D") }
    let (_, activations) = model.applied(to: inputs, keepingActivationsOf: [1, 2])
    let (convolutionInput, poolInput) = (activations[0], activations[1])
    let pooledSeeds = Tensor<Float>(randomUniform: [seedsPerSample * batch, 64, 7, 7], using: &g)
    let replicatedInput = [seedsPerSample * batch] + Array(convolutionInput.shape.dropFirst())
    let positive = maxPool2D(poolInput, window: 2).positiveMask()
    let positiveWinners = positive.sum().scalar
    let scatterOperations = 2 * Double(positiveWinners) * 800 * Double(seedsPerSample)
    let secondDenseOperations = 2.0 * 800 * 64 * 196 * Double(seedsPerSample * batch)
    let scatter = {
        _ = conv2DInputGradient(
            throughMaxPoolOf: pooledSeeds, poolInput: poolInput, filter: convolution.filter, inputShape: convolutionInput.shape,
            padding: .same, onlyPositiveWinners: true)
    }
    let dense = {
        let kept = (pooledSeeds.reshaped(to: [seedsPerSample] + positive.shape) * positive).reshaped(to: pooledSeeds.shape)
        let routed = maxPool2DInputGradient(of: kept, input: poolInput, window: 2)
        _ = conv2DInputGradient(routed, filter: convolution.filter, inputShape: replicatedInput, padding: .same)
    }

    let timings = interleavedMedians(seconds: seconds, [
        { _ = valueWithGradient(at: model) { m in softmaxCrossEntropy(logits: m(inputs), labels: labels) } },
        { _ = trace.inputGradients(of: seeds, at: [-1, 1, 3, 5]) },
        scatter,
        dense,
    ])
    let (crossEntropy, pass) = (timings[0].seconds, timings[1].seconds)
    let (scattered, densely) = (timings[2].seconds, timings[3].seconds)
    print(String(format: "cross-entropy step                                %8.1f ms", crossEntropy * 1e3))
    print(String(format: "nine-seed pass                                    %8.1f ms   %.2fx cross-entropy (done densely: %.1f GFLOP)",
                 pass * 1e3, timings[1].ratio, denseOperations / 1e9))
    print("the second convolution's way back, alone (\(Int(positiveWinners)) positive winners of \(batch * 64 * 49)):")
    print(String(format: "  winner scatter                                  %8.1f ms   %6.1f GFLOP/s (%.1f GFLOP)",
                 scattered * 1e3, scatterOperations / scattered / 1e9, scatterOperations / 1e9))
    print(String(format: "  dense: route, then transposed convolution       %8.1f ms   %6.1f GFLOP/s (%.1f GFLOP)   scatter %.2fx faster",
                 densely * 1e3, secondDenseOperations / densely / 1e9, secondDenseOperations / 1e9, densely / scattered))
}
