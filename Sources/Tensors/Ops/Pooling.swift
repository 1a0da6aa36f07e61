// Max pooling over square windows of NCHW batches. The forward pass records which input
// element won each window; the pullback scatters the gradient onto the winners, whose own
// pullback gathers them (`gathering`), so every order of derivative is available.

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
    return Tensor.recording(value, input: input) { [winners] upstream in
        routedToWinners(upstream, winners: winners, input: shape)
    }
}

/// Gradients of the pooled output, `seeds` [R·B, C, OH, OW] (R replicas of the B·C pooled
/// planes), each added onto its window's winner: [R·B, C, H, W] for an input shaped `input`
/// [B, C, H, W]. Every plane's windows lie in that plane, so the result is built plane by
/// plane (zeroed, then added to while it is in cache), the planes split across cores. Its
/// pullback gathers at the winners, so every order of derivative is available.
private func routedToWinners<Scalar: TensorScalar>(_ seeds: Tensor<Scalar>, winners: [Int], input: [Int]) -> Tensor<Scalar> {
    let (planes, planeSize) = (input[0] * input[1], input[2] * input[3])
    let pooledPlane = winners.count / Swift.max(planes, 1)
    let replicas = seeds.count / Swift.max(winners.count, 1)
    let resultShape = [seeds.shape[0], input[1], input[2], input[3]]
    let value = Tensor<Scalar>(shape: resultShape) { out in
        let rows = replicas * planes
        winners.withUnsafeBufferPointer { winners in
            CoreSplit.forEachPart(count: rows, elementsPerItem: planeSize) { _, rows in
                for row in rows {
                    let plane = row % planes
                    routePlane(
                        seeds.buffer.base + row * pooledPlane, winners: winners.baseAddress! + plane * pooledPlane, count: pooledPlane,
                        into: out + row * planeSize, planeStart: plane * planeSize, planeSize: planeSize)
                }
            }
        }
    }
    return Tensor.recording(value, input: seeds) { upstream in
        upstream.reshaped(to: [replicas, planes * planeSize]).gathering(atIndices: winners, alongAxis: 1).reshaped(to: seeds.shape)
    }
}

/// Routes one pooled plane's `count` seeds onto their windows' winners: zeroes `plane`
/// (`planeSize` entries; it is the input plane starting at flat index `planeStart`, where
/// `winners` count from) and adds seed k at winner k. With `positiveIn`, only the seeds whose
/// winner holds a positive value there: the derivative of a ReLU before the pooling.
@inline(__always)
func routePlane<Scalar: TensorScalar>(
    _ seeds: UnsafePointer<Scalar>, winners: UnsafePointer<Int>, count: Int, into plane: UnsafeMutablePointer<Scalar>,
    planeStart: Int, planeSize: Int, keepingPositiveIn values: UnsafePointer<Scalar>? = nil
) {
    plane.update(repeating: 0, count: planeSize)
    if let values {
        for k in 0..<count {
            let (winner, seed) = (winners[k], seeds[k])
            plane[winner - planeStart] += values[winner] > 0 ? seed : 0
        }
    } else {
        for k in 0..<count { plane[winners[k] - planeStart] += seeds[k] }
    }
}

/// The flat input index of each window's largest element (ties to the first in row-major
/// order; a NaN beats any number), window by window in output order; the maxima go to
/// `values` when given. The planes are split across cores.
func poolingWinners<Scalar: TensorScalar>(
    of input: Tensor<Scalar>, window: Int, stride step: Int, values: UnsafeMutablePointer<Scalar>? = nil
) -> [Int] {
    let shape = input.shape
    let (height, width) = (shape[2], shape[3])
    let (outputHeight, outputWidth) = ((height - window) / step + 1, (width - window) / step + 1)
    let planes = shape[0] * shape[1]
    let pooledPlane = outputHeight * outputWidth
    let source = input.buffer.base
    @inline(__always) func beats(_ value: Scalar, _ best: Scalar) -> Bool { value > best || (value.isNaN && !best.isNaN) }
    // Every entry is written below, by the parts (no zero-filling first).
    return [Int](unsafeUninitializedCapacity: planes * pooledPlane) { winners, initialized in
        initialized = planes * pooledPlane
        guard let winners = winners.baseAddress else { return }
        CoreSplit.forEachPart(count: planes, elementsPerItem: height * width) { _, planes in
            for plane in planes {
                let planeStart = plane * height * width
                var o = plane * pooledPlane
                if window == 2, !containsNaNOrInfinity(source + planeStart, count: height * width) {
                    // The common 2 x 2 window on a finite plane: one branch-free loop per output
                    // row, which the compiler vectorises (for 2 apart, as 2 written out).
                    for y in 0..<outputHeight {
                        let rowStart = planeStart + y * step * width
                        let (rowWinners, rowValues) = (winners + o, values.map { $0 + o })
                        if step == 2 {
                            pairOfRowsWinners(source + rowStart, width: width, stride: 2, count: outputWidth, firstIndex: rowStart,
                                              winners: rowWinners, values: rowValues)
                        } else {
                            pairOfRowsWinners(source + rowStart, width: width, stride: step, count: outputWidth, firstIndex: rowStart,
                                              winners: rowWinners, values: rowValues)
                        }
                        o += outputWidth
                    }
                    continue
                }
                for y in 0..<outputHeight {
                    for x in 0..<outputWidth {
                        let corner = planeStart + y * step * width + x * step
                        var (best, bestValue) = (corner, source[corner])
                        for u in 0..<window {
                            let rowStart = corner + u * width
                            for v in 0..<window where beats(source[rowStart + v], bestValue) {
                                (best, bestValue) = (rowStart + v, source[rowStart + v])
                            }
                        }
                        winners[o] = best
                        values?[o] = bestValue
                        o += 1
                    }
                }
            }
        }
    }
}

/// Whether any of `count` consecutive values is NaN or infinite (in one pass that vectorises:
/// the sum of the values times 0 is NaN exactly then).
@inline(__always)
private func containsNaNOrInfinity<Scalar: TensorScalar>(_ values: UnsafePointer<Scalar>, count: Int) -> Bool {
    Kernels.rowSum(values, count: count) { $0 * 0 }.isNaN
}

/// The winners of `count` 2 x 2 windows side by side, `stride` apart, in the two input rows
/// starting at `top` (the second `width` further on), whose first element has flat index
/// `firstIndex`: the same rule as `poolingWinners` (the first of tied maxima in row-major
/// order) for windows without NaNs, written as selects so that the loop vectorises (indices in wrapping
/// arithmetic: they are flat indices of an existing tensor, far from overflowing). The maxima
/// go to `values` when given.
@inline(__always)
private func pairOfRowsWinners<Scalar: TensorScalar>(
    _ top: UnsafePointer<Scalar>, width: Int, stride: Int, count: Int, firstIndex: Int, winners: UnsafeMutablePointer<Int>,
    values: UnsafeMutablePointer<Scalar>?
) {
    let bottom = top + width
    @inline(__always) func winner(_ x: Int) -> (offset: Int, value: Scalar) {
        let left = stride &* x
        var (offset, best) = (0, top[left])
        @inline(__always) func consider(_ value: Scalar, _ candidate: Int) {
            let wins = value > best
            offset = wins ? candidate : offset
            best = wins ? value : best
        }
        consider(top[left &+ 1], 1)
        consider(bottom[left], width)
        consider(bottom[left &+ 1], width &+ 1)
        return (offset, best)
    }
    if let values {
        for x in 0..<count {
            let (offset, best) = winner(x)
            winners[x] = firstIndex &+ stride &* x &+ offset
            values[x] = best
        }
    } else {
        for x in 0..<count { winners[x] = firstIndex &+ stride &* x &+ winner(x).offset }
    }
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
    return routedToWinners(seeds, winners: poolingWinners(of: input, window: window, stride: step), input: shape)
}
