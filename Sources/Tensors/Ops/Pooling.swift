// Max pooling over square windows of NCHW batches. The forward pass records which input
// element won each window; the pullback scatters the gradient onto the winners
// (`scatteringAdd`), whose own pullback gathers them (`gathering`), so every order of
// derivative is available.

/// The largest element of each `window` x `window` patch of every channel, the patches
/// `stride` apart (no padding: only whole windows; ties go to the first element in
/// row-major order, which alone receives the gradient).
///
///     let x = Tensor<Float>(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 0, 3, 4, 8, 6])
///     maxPool2D(x, window: 2).scalars   // [5, 8]
///
/// - Parameters:
///   - input: [batch, channels, height, width].
///   - window: The side of each square window.
///   - stride: The step between windows; `window` when nil (non-overlapping windows).
/// - Returns: [batch, channels, (height - window) / stride + 1, (width - window) / stride + 1].
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func maxPool2D<Scalar>(_ input: Tensor<Scalar>, window: Int = 2, stride: Int? = nil) -> Tensor<Scalar> {
    let operation = "maxPool2D"
    let step = stride ?? window
    let shape = input.shape
    guard shape.count == 4 else {
        fail(.rank(operation: operation, expected: "a rank-4 tensor [batch, channels, height, width]", got: shape))
    }
    guard window >= 1, step >= 1 else {
        fail(.invalid("\(operation) needs a window and a stride of at least 1, got window \(window) and stride \(step)"))
    }
    let (height, width) = (shape[2], shape[3])
    guard height >= window, width >= window else {
        fail(.invalid("\(operation): a \(window) x \(window) window does not fit in an input of shape \(shape)"))
    }
    let (outputHeight, outputWidth) = ((height - window) / step + 1, (width - window) / step + 1)
    // The flat index of each window's winner in the input.
    var winners: [Int] = []
    let value = Tensor<Scalar>(shape: [shape[0], shape[1], outputHeight, outputWidth]) { out in
        winners = poolingWinners(of: input, window: window, stride: step, values: out)
    }
    let inputCount = input.count
    return Tensor.recording(value, input: input) { [winners] upstream in
        routedToWinners(upstream, winners: winners, inputCount: inputCount).reshaped(to: shape)
    }
}

/// Gradients of the pooled output, [R·B, ...] with R blocks of `winners.count` entries,
/// added onto each window's winner: R blocks of `inputCount` entries, flattened. A scatter,
/// whose pullback gathers, so every order of derivative is available.
private func routedToWinners<Scalar: TensorScalar>(_ seeds: Tensor<Scalar>, winners: [Int], inputCount: Int) -> Tensor<Scalar> {
    let replicas = seeds.count / Swift.max(winners.count, 1)
    return seeds.reshaped(to: [replicas, winners.count]).scatteringAdd(atIndices: winners, alongAxis: 1, size: inputCount)
}

/// The flat input index of each window's largest element (ties to the first in row-major
/// order), window by window in output order; the maxima go to `values` when given.
private func poolingWinners<Scalar: TensorScalar>(
    of input: Tensor<Scalar>, window: Int, stride step: Int, values: UnsafeMutablePointer<Scalar>? = nil
) -> [Int] {
    let shape = input.shape
    let (height, width) = (shape[2], shape[3])
    let (outputHeight, outputWidth) = ((height - window) / step + 1, (width - window) / step + 1)
    let planes = shape[0] * shape[1]
    var winners = [Int](repeating: 0, count: planes * outputHeight * outputWidth)
    let source = input.buffer.base
    winners.withUnsafeMutableBufferPointer { winners in
        var o = 0
        for plane in 0..<planes {
            let planeStart = plane * height * width
            for y in 0..<outputHeight {
                for x in 0..<outputWidth {
                    var best = planeStart + y * step * width + x * step
                    var bestValue = source[best]
                    for u in 0..<window {
                        let rowStart = planeStart + (y * step + u) * width + x * step
                        for v in 0..<window {
                            let value = source[rowStart + v]
                            if value > bestValue || (value.isNaN && !bestValue.isNaN) {
                                (best, bestValue) = (rowStart + v, value)
                            }
                        }
                    }
                    winners[o] = best
                    values?[o] = bestValue
                    o += 1
                }
            }
        }
    }
    return winners
}

/// The gradient of `maxPool2D` with respect to its input for R output gradients per sample
/// at once: `seeds` [R·B, channels, OH, OW] (replica-major: row r·B + b belongs to sample b)
/// routed to each window's winner in `input` [B, channels, H, W], giving [R·B, channels, H, W].
/// Differentiable in the seeds (a scatter, whose pullback gathers); the routing itself is
/// piecewise constant in the input.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func maxPool2DInputGradient<Scalar>(
    of seeds: Tensor<Scalar>, input: Tensor<Scalar>, window: Int = 2, stride: Int? = nil
) -> Tensor<Scalar> {
    let step = stride ?? window
    let shape = input.shape
    guard shape.count == 4, window >= 1, step >= 1, shape[2] >= window, shape[3] >= window else {
        fail(.invalid("maxPool2DInputGradient: a \(window) x \(window) window with stride \(step) does not pool an input of shape \(shape)"))
    }
    let pooled = [shape[1], (shape[2] - window) / step + 1, (shape[3] - window) / step + 1]
    let samples = shape[0]
    guard seeds.rank == 4, samples > 0, seeds.shape[0] % samples == 0, Array(seeds.shape.dropFirst()) == pooled else {
        fail(.mismatch(operation: "maxPool2DInputGradient (seeds vs the pooled input)", lhs: seeds.shape, rhs: [samples] + pooled))
    }
    let winners = poolingWinners(of: input, window: window, stride: step)
    return routedToWinners(seeds, winners: winners, inputCount: input.count).reshaped(to: [seeds.shape[0]] + Array(shape.dropFirst()))
}
