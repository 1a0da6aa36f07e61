// 2-D convolution (cross-correlation, as in every deep-learning library) on NCHW batches with
// OIHW filters, by im2col and BLAS: each sample is unfolded into a column matrix and
// multiplied by the filter matrix, a chunk of samples per product. Three primitives close
// the set under differentiation: the convolution and its two adjoints, each of whose
// pullbacks is made of the other two, so gradients of gradients (the exact margin loss)
// come free.

/// How a convolution treats the borders of its input.
public enum ConvolutionPadding: Sendable, Equatable {
    /// No padding: only windows that lie inside the input (output size floor((n - k) / s) + 1).
    case valid
    /// Zeros around the input so that the output has ceil(n / s) positions per axis (for
    /// stride 1, the input's size); TensorFlow's rule, with an odd extra zero after.
    case same
}

/// The 2-D convolution of a batch of images with a bank of filters, plus an optional bias
/// per output channel (cross-correlation: the filter is not flipped).
///
///     y[n, o, i, j] = bias[o] + sum_{c, u, v} input[n, c, i s + u - pad, j s + v - pad] filter[o, c, u, v]
///
///     let x = Tensor<Float>(zeros: [8, 1, 28, 28])
///     let w = Tensor<Float>(zeros: [32, 1, 5, 5])
///     conv2D(x, filter: w, padding: .same).shape   // [8, 32, 28, 28]
///
/// - Parameters:
///   - input: [batch, inChannels, height, width].
///   - filter: [outChannels, inChannels, kernelHeight, kernelWidth].
///   - bias: [outChannels], or nil for none.
///   - stride: The step between windows, on both axes.
///   - padding: `.valid` (no padding, the default) or `.same`.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func conv2D<Scalar>(
    _ input: Tensor<Scalar>, filter: Tensor<Scalar>, bias: Tensor<Scalar>? = nil, stride: Int = 1,
    padding: ConvolutionPadding = .valid
) -> Tensor<Scalar> {
    let geometry = ConvolutionGeometry(input: input.shape, filter: filter.shape, stride: stride, padding: padding, operation: "conv2D")
    if let bias, bias.shape != [geometry.outputChannels] {
        fail(.mismatch(operation: "conv2D (bias vs output channels)", lhs: bias.shape, rhs: [geometry.outputChannels]))
    }
    return convolution(input, filter, bias: bias, geometry)
}

/// The samples of a batch are split across cores (`CoreSplit`), and each core goes through
/// its share in chunks whose column matrix [C*KH*KW, chunk * OH*OW] fits in its L2 cache
/// (about 600 KB): each product's output is folded back (col2im, the copy to NCHW) while it is
/// still in cache, and im2col's output is multiplied before it leaves it. One sample per chunk
/// when a sample's matrix alone is that large (the second convolution of the MNIST network).
private let chunkElementBudget = 160_000

/// Runs `body` once per chunk of samples (the core's part, first sample, count), the parts
/// in parallel, with the part's scratch space for the chunk's column matrix [C*KH*KW, count *
/// OH*OW] and for its output-shaped matrix [outChannels, count * OH*OW].
private func forEachChunk<Scalar>(
    _ g: ConvolutionGeometry,
    _ body: (_ part: Int, _ first: Int, _ count: Int, _ columns: UnsafeMutablePointer<Scalar>, _ products: UnsafeMutablePointer<Scalar>) -> Void
) {
    let perSample = Swift.max(g.patchSize * g.outputPlane, 1)
    let chunk = Swift.max(1, Swift.min(g.batch, chunkElementBudget / perSample))
    CoreSplit.forEachPart(count: g.batch, operationsPerItem: 2 * perSample * Swift.max(g.outputChannels, 1)) { part, samples in
        // Scratch from the tensors' block cache, needed again by the next convolution of the
        // same shape.
        let columnCount = chunk * perSample
        let productCount = Swift.max(chunk * g.outputChannels * g.outputPlane, 1)
        let columnBlock = LargeBlockCache.shared.allocate(byteCount: columnCount * MemoryLayout<Scalar>.stride)
        let productBlock = LargeBlockCache.shared.allocate(byteCount: productCount * MemoryLayout<Scalar>.stride)
        defer {
            LargeBlockCache.shared.release(columnBlock, byteCount: columnCount * MemoryLayout<Scalar>.stride)
            LargeBlockCache.shared.release(productBlock, byteCount: productCount * MemoryLayout<Scalar>.stride)
        }
        let columns = columnBlock.bindMemory(to: Scalar.self, capacity: columnCount)
        let products = productBlock.bindMemory(to: Scalar.self, capacity: productCount)
        for first in stride(from: samples.lowerBound, to: samples.upperBound, by: chunk) {
            body(part, first, Swift.min(chunk, samples.upperBound - first), columns, products)
        }
    }
}

/// The convolution primitive: output = input (*) filter (+ bias per output channel),
/// [batch, outChannels, OH, OW].
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func convolution<Scalar>(
    _ input: Tensor<Scalar>, _ filter: Tensor<Scalar>, bias: Tensor<Scalar>? = nil, _ g: ConvolutionGeometry
) -> Tensor<Scalar> {
    let (outChannels, plane, patch) = (g.outputChannels, g.outputPlane, g.patchSize)
    let value = Tensor<Scalar>(shape: g.outputShape) { out in
        guard outChannels > 0, plane > 0, patch > 0 else {
            // No products to add (an empty axis): the bias alone, or zeros.
            for sample in 0..<g.batch {
                for o in 0..<outChannels {
                    (out + (sample * outChannels + o) * plane).initialize(repeating: bias?.buffer.base[o] ?? 0, count: plane)
                }
            }
            return
        }
        let unfolding = ColumnUnfolding(g)
        forEachChunk(g) { (_, first, count, columns: UnsafeMutablePointer<Scalar>, products) in
            let width = count * plane
            for s in 0..<count {
                unfolding.im2col(input.buffer.base + (first + s) * g.inputSample, columns + s * plane, rowStride: width)
            }
            // products [O, count*OH*OW] = filter [O, C*KH*KW] x columns [C*KH*KW, count*OH*OW]; one
            // sample's products are already its output [O, OH*OW].
            let target = count == 1 ? out + first * outChannels * plane : products
            Scalar._gemm(
                transposeA: false, transposeB: false, m: outChannels, n: width, k: patch, filter.buffer.base, lda: patch,
                columns, ldb: width, target, ldc: width, accumulate: false)
            // Back to [count, O, OH*OW], plus the bias.
            for s in 0..<count {
                for o in 0..<outChannels {
                    let output = out + ((first + s) * outChannels + o) * plane
                    let source = target + o * width + s * plane
                    if let bias {
                        let b = bias.buffer.base[o]
                        for p in 0..<plane { output[p] = source[p] + b }
                    } else if count > 1 {
                        output.initialize(from: source, count: plane)
                    }
                }
            }
        }
    }
    return Tensor.recording(value, inputs: [input, filter] + (bias.map { [$0] } ?? [])) { upstream in
        [
            input.isWantedByBackpropagation ? convolutionInputGradient(upstream, filter, g) : nil,
            filter.isWantedByBackpropagation ? convolutionFilterGradient(input, upstream, g) : nil,
        ] + (bias.map { bias in
            // Summed over positions (rows of [batch * channels, OH * OW]), then over the batch.
            [bias.isWantedByBackpropagation ? upstream.reshaped(to: [g.batch, outChannels, plane]).sum(alongAxes: [2]).sum(alongAxes: [0]) : nil]
        } ?? [])
    }
}

/// Samples `first..<first + count` of an output-shaped tensor [batch, O, OH*OW] as one matrix
/// [O, count * OH*OW] (the layout the chunked products use): the tensor's own memory for one
/// sample, else a copy in `products`.
@inline(__always)
private func outputChunk<Scalar>(
    _ outputShaped: UnsafePointer<Scalar>, first: Int, count: Int, _ g: ConvolutionGeometry, copyingInto products: UnsafeMutablePointer<Scalar>
) -> UnsafePointer<Scalar> {
    let (outChannels, plane) = (g.outputChannels, g.outputPlane)
    if count == 1 { return outputShaped + first * outChannels * plane }
    for s in 0..<count {
        for o in 0..<outChannels {
            (products + o * count * plane + s * plane).update(from: outputShaped + ((first + s) * outChannels + o) * plane, count: plane)
        }
    }
    return UnsafePointer(products)
}

/// The transposed convolution's value (no gradient recorded), [batch, inChannels, H, W]:
/// `outputGradientChunk(first, count, scratch)` gives samples `first..<first + count` of the
/// output gradient as one matrix [O, count * OH*OW] (in `scratch`, which has room for it,
/// or elsewhere), and each chunk's column gradient filterᵀ G is folded back onto its samples
/// with col2im.
@inline(__always)
func transposedConvolution<Scalar: TensorScalar>(
    _ filter: Tensor<Scalar>, _ g: ConvolutionGeometry,
    outputGradientChunk: (_ first: Int, _ count: Int, _ scratch: UnsafeMutablePointer<Scalar>) -> UnsafePointer<Scalar>
) -> Tensor<Scalar> {
    let (outChannels, plane, patch) = (g.outputChannels, g.outputPlane, g.patchSize)
    return Tensor<Scalar>(shape: g.inputShape) { inputGradient in
        guard outChannels > 0, plane > 0, patch > 0 else {
            inputGradient.initialize(repeating: 0, count: g.batch * g.inputSample)
            return
        }
        let unfolding = ColumnUnfolding(g)
        forEachChunk(g) { (_, first, count, columns: UnsafeMutablePointer<Scalar>, products) in
            let width = count * plane
            let chunkGradient = outputGradientChunk(first, count, products)
            // columns [C*KH*KW, count*OH*OW] = filterᵀ [C*KH*KW, O] x G [O, count*OH*OW], added to
            // zeros (OpenBLAS's own zeroing for beta = 0 is slower than memset).
            columns.update(repeating: 0, count: patch * width)
            Scalar._gemm(
                transposeA: true, transposeB: false, m: patch, n: width, k: outChannels, filter.buffer.base, lda: patch,
                chunkGradient, ldb: width, columns, ldc: width, accumulate: true)
            for s in 0..<count {
                let sample = inputGradient + (first + s) * g.inputSample
                sample.initialize(repeating: 0, count: g.inputSample)
                unfolding.col2im(UnsafePointer(columns + s * plane), sample, rowStride: width)
            }
        }
    }
}

/// The adjoint of the convolution in its input (a transposed convolution): for an output
/// gradient G, the input gradient, [batch, inChannels, H, W]. Each chunk's column gradient
/// filterᵀ G is folded back onto its samples with col2im.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func convolutionInputGradient<Scalar>(
    _ outputGradient: Tensor<Scalar>, _ filter: Tensor<Scalar>, _ g: ConvolutionGeometry
) -> Tensor<Scalar> {
    let value = transposedConvolution(filter, g) { first, count, products in
        outputChunk(outputGradient.buffer.base, first: first, count: count, g, copyingInto: products)
    }
    // Linear in each argument: <D, convᵀ_w(G)> = <conv_w(D), G> = <w, filterGradient(D, G)>.
    return Tensor.recording(value, inputs: [outputGradient, filter]) { upstream in
        [
            outputGradient.isWantedByBackpropagation ? convolution(upstream, filter, g) : nil,
            filter.isWantedByBackpropagation ? convolutionFilterGradient(upstream, outputGradient, g) : nil,
        ]
    }
}

/// The adjoint of the convolution in its filter: for an input and an output gradient G, the
/// filter gradient sum_n G[n] columns(input[n])ᵀ, [outChannels, inChannels, KH, KW].
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func convolutionFilterGradient<Scalar>(
    _ input: Tensor<Scalar>, _ outputGradient: Tensor<Scalar>, _ g: ConvolutionGeometry
) -> Tensor<Scalar> {
    let (outChannels, plane, patch) = (g.outputChannels, g.outputPlane, g.patchSize)
    let value = Tensor<Scalar>(shape: g.filterShape) { filterGradient in
        let size = outChannels * patch
        filterGradient.initialize(repeating: 0, count: size)
        guard outChannels > 0, plane > 0, patch > 0 else { return }
        // Part 0 sums into the result; each other part into its own matrix, added in order at
        // the end (so the result does not depend on which part finishes first).
        let extraParts = CoreSplit.maximumParts - 1
        let partSums = UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(extraParts * size, 1))
        defer { partSums.deallocate() }
        partSums.initialize(repeating: 0, count: extraParts * size)
        let unfolding = ColumnUnfolding(g)
        forEachChunk(g) { (part, first, count, columns: UnsafeMutablePointer<Scalar>, products) in
            let width = count * plane
            for s in 0..<count {
                unfolding.im2col(input.buffer.base + (first + s) * g.inputSample, columns + s * plane, rowStride: width)
            }
            let chunkGradient = outputChunk(outputGradient.buffer.base, first: first, count: count, g, copyingInto: products)
            // sum [O, C*KH*KW] += G [O, count*OH*OW] x columnsᵀ [count*OH*OW, C*KH*KW]
            let sum = part == 0 ? filterGradient : partSums + (part - 1) * size
            Scalar._gemm(
                transposeA: false, transposeB: true, m: outChannels, n: patch, k: width, chunkGradient, lda: width, columns,
                ldb: width, sum, ldc: patch, accumulate: true)
        }
        for part in 0..<extraParts {
            let sum = partSums + part * size
            for i in 0..<size { filterGradient[i] += sum[i] }
        }
    }
    // Bilinear: <E, filterGradient(x, G)> = <G, conv_E(x)> = <convᵀ_E(G), x>.
    return Tensor.recording(value, inputs: [input, outputGradient]) { upstream in
        [
            input.isWantedByBackpropagation ? convolutionInputGradient(outputGradient, upstream, g) : nil,
            outputGradient.isWantedByBackpropagation ? convolution(input, upstream, g) : nil,
        ]
    }
}

/// The gradient of `conv2D` with respect to its input for an output gradient (a transposed
/// convolution): [batch, inChannels, height, width] for `outputGradient` [batch, outChannels,
/// OH, OW] of inputs shaped `inputShape`. The batch may hold several seeds per sample (the
/// filter does not depend on the sample). Differentiable to every order, in both arguments.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func conv2DInputGradient<Scalar>(
    _ outputGradient: Tensor<Scalar>, filter: Tensor<Scalar>, inputShape: [Int], stride: Int = 1,
    padding: ConvolutionPadding = .valid
) -> Tensor<Scalar> {
    let geometry = ConvolutionGeometry(
        input: inputShape, filter: filter.shape, stride: stride, padding: padding, operation: "conv2DInputGradient")
    guard outputGradient.shape == geometry.outputShape else {
        fail(.mismatch(operation: "conv2DInputGradient (output gradient vs the convolution's output)",
                       lhs: outputGradient.shape, rhs: geometry.outputShape))
    }
    return convolutionInputGradient(outputGradient, filter, geometry)
}
