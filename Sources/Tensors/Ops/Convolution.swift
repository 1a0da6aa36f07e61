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

/// Samples are convolved in chunks: the column matrices of a chunk sit side by side, so
/// each BLAS call multiplies [C*KH*KW, chunk * OH*OW] at once (few large products instead
/// of one small product per sample, which keeps BLAS's threads busy).
private let chunkElementBudget = 1 << 21

/// Runs `body` once per chunk of samples (first sample, count) with scratch space for the
/// chunk's column matrix [C*KH*KW, count * OH*OW] and for its output-shaped matrix
/// [outChannels, count * OH*OW].
private func forEachChunk<Scalar>(
    _ g: ConvolutionGeometry,
    _ body: (_ first: Int, _ count: Int, _ columns: UnsafeMutablePointer<Scalar>, _ products: UnsafeMutablePointer<Scalar>) -> Void
) {
    let perSample = Swift.max(g.patchSize * g.outputPlane, 1)
    let chunk = Swift.max(1, Swift.min(g.batch, chunkElementBudget / perSample))
    // Scratch from the tensors' block cache: these are large (megabytes) and needed again by
    // the next convolution of the same shape.
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
    for first in stride(from: 0, to: g.batch, by: chunk) {
        body(first, Swift.min(chunk, g.batch - first), columns, products)
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
        forEachChunk(g) { (first, count, columns: UnsafeMutablePointer<Scalar>, products) in
            let width = count * plane
            for s in 0..<count {
                Kernels.im2col(input.buffer.base + (first + s) * g.inputSample, columns + s * plane, g, rowStride: width)
            }
            // products [O, count*OH*OW] = filter [O, C*KH*KW] x columns [C*KH*KW, count*OH*OW]
            Scalar._gemm(
                transposeA: false, transposeB: false, m: outChannels, n: width, k: patch, filter.buffer.base, lda: patch,
                columns, ldb: width, products, ldc: width, accumulate: false)
            // Back to [count, O, OH*OW], plus the bias.
            for s in 0..<count {
                for o in 0..<outChannels {
                    let target = out + ((first + s) * outChannels + o) * plane
                    let source = products + o * width + s * plane
                    if let bias {
                        let b = bias.buffer.base[o]
                        for p in 0..<plane { target[p] = source[p] + b }
                    } else {
                        target.initialize(from: source, count: plane)
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

/// Copies samples `first..<first + count` of an output-shaped tensor [batch, O, OH*OW] into
/// `products` as one matrix [O, count * OH*OW] (the layout the chunked products use).
@inline(__always)
private func gatherOutputChunk<Scalar>(
    _ outputShaped: UnsafePointer<Scalar>, first: Int, count: Int, _ g: ConvolutionGeometry, into products: UnsafeMutablePointer<Scalar>
) {
    let (outChannels, plane) = (g.outputChannels, g.outputPlane)
    for s in 0..<count {
        for o in 0..<outChannels {
            (products + o * count * plane + s * plane).update(from: outputShaped + ((first + s) * outChannels + o) * plane, count: plane)
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
    let (outChannels, plane, patch) = (g.outputChannels, g.outputPlane, g.patchSize)
    let value = Tensor<Scalar>(shape: g.inputShape) { inputGradient in
        inputGradient.initialize(repeating: 0, count: g.batch * g.inputSample)
        guard outChannels > 0, plane > 0, patch > 0 else { return }
        forEachChunk(g) { (first, count, columns: UnsafeMutablePointer<Scalar>, products) in
            let width = count * plane
            gatherOutputChunk(outputGradient.buffer.base, first: first, count: count, g, into: products)
            // columns [C*KH*KW, count*OH*OW] = filterᵀ [C*KH*KW, O] x G [O, count*OH*OW]
            Scalar._gemm(
                transposeA: true, transposeB: false, m: patch, n: width, k: outChannels, filter.buffer.base, lda: patch,
                products, ldb: width, columns, ldc: width, accumulate: false)
            for s in 0..<count {
                Kernels.col2im(columns + s * plane, inputGradient + (first + s) * g.inputSample, g, rowStride: width)
            }
        }
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
        filterGradient.initialize(repeating: 0, count: outChannels * patch)
        guard outChannels > 0, plane > 0, patch > 0 else { return }
        forEachChunk(g) { (first, count, columns: UnsafeMutablePointer<Scalar>, products) in
            let width = count * plane
            for s in 0..<count {
                Kernels.im2col(input.buffer.base + (first + s) * g.inputSample, columns + s * plane, g, rowStride: width)
            }
            gatherOutputChunk(outputGradient.buffer.base, first: first, count: count, g, into: products)
            // filterGradient [O, C*KH*KW] += G [O, count*OH*OW] x columnsᵀ [count*OH*OW, C*KH*KW]
            Scalar._gemm(
                transposeA: false, transposeB: true, m: outChannels, n: patch, k: width, products, lda: width, columns,
                ldb: width, filterGradient, ldc: patch, accumulate: true)
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
