import Foundation
import MarginKit

/// Prints how fast the first-order margin loss's nine-seed pass runs on the MNIST-shaped CNN
/// (batch 256, margin at the input and the three hidden activations), beside a cross-entropy
/// step and beside the products that dominate the pass timed alone, so the README's bound on
/// the first-order/cross-entropy ratio can be checked.
///
/// The pass sends 9 seeds per sample (one per other class) back from the logits to
/// activations -1, 1, 3 and 5 (`SequentialTrace.inputGradients`): per seed, the transposed
/// dense layers (10 x 512 and 512 x 3136) and convolutions (800 x 64 by 64 x 196, and 25 x
/// 32 by 32 x 784), 56.6 GFLOP in all. The products timed alone are the second convolution's
/// per-sample ones, 800 x 64 by 64 x 196, on BLAS's threads with hot caches.
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
    let perSeed = 2 * Double(multiplyAddsPerSeed)
    let passOperations = perSeed * Double(seedsPerSample * batch)

    // The second convolution's per-sample products, `productCount` of them per call.
    let (m, n, k, productCount) = (800, 196, 64, 64)
    let a = Tensor<Float>(randomUniform: [k, m], using: &g), b = Tensor<Float>(randomUniform: [k, n], using: &g)
    var c = [Float](repeating: 0, count: m * n)
    let products = {
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    for _ in 0..<productCount {
                        Float._gemm(transposeA: true, transposeB: false, m: m, n: n, k: k, a.baseAddress!, lda: m,
                                    b.baseAddress!, ldb: n, c.baseAddress!, ldc: n, accumulate: false)
                    }
                }
            }
        }
    }
    let productOperations = 2.0 * Double(m * n * k * productCount)

    let timings = interleavedMedians(seconds: seconds, [
        { _ = valueWithGradient(at: model) { m in softmaxCrossEntropy(logits: m(inputs), labels: labels) } },
        { _ = trace.inputGradients(of: seeds, at: [-1, 1, 3, 5]) },
        products,
    ])
    let (crossEntropy, pass, alone) = (timings[0].seconds, timings[1].seconds, timings[2].seconds)
    print(String(format: "cross-entropy step                   %8.1f ms", crossEntropy * 1e3))
    print(String(format: "nine-seed pass                       %8.1f ms   %6.1f GFLOP/s (%.1f GFLOP)   %.2fx cross-entropy",
                 pass * 1e3, passOperations / pass / 1e9, passOperations / 1e9, timings[1].ratio))
    print(String(format: "800x64 by 64x196 products, alone     %8.1f ms   %6.1f GFLOP/s", alone * 1e3, productOperations / alone / 1e9))
    print(String(format: "a first-order step at 3x cross-entropy leaves the pass %.1f ms: %.1f GFLOP/s",
                 2 * crossEntropy * 1e3, passOperations / (2 * crossEntropy) / 1e9))
}
