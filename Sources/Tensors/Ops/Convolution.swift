// 2-D convolution (cross-correlation, as in every deep-learning library) on NCHW batches with
// OIHW filters, by im2col and BLAS: each sample is unfolded into a column matrix and
// multiplied by the filter matrix. Three primitives close the set under differentiation:
// the convolution and its two adjoints, each of whose pullbacks is made of the other two,
// so gradients of gradients (the exact margin loss) come free.

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

/// Runs `body` with scratch space for one sample's column matrix.
private func withColumns<Scalar, R>(_ g: ConvolutionGeometry, _ body: (UnsafeMutablePointer<Scalar>) -> R) -> R {
    let columns = UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(g.patchSize * g.outputPlane, 1))
    defer { columns.deallocate() }
    return body(columns)
}

/// The convolution primitive: output = input (*) filter (+ bias per output channel),
/// [batch, outChannels, OH, OW]. The bias is written first and the products added to it.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func convolution<Scalar>(
    _ input: Tensor<Scalar>, _ filter: Tensor<Scalar>, bias: Tensor<Scalar>? = nil, _ g: ConvolutionGeometry
) -> Tensor<Scalar> {
    let (m, n, k) = (g.outputChannels, g.outputPlane, g.patchSize)
    let value = Tensor<Scalar>(shape: g.outputShape) { out in
        if let bias {
            for sample in 0..<g.batch {
                for channel in 0..<m { (out + (sample * m + channel) * n).initialize(repeating: bias.buffer.base[channel], count: n) }
            }
        } else {
            out.initialize(repeating: 0, count: g.batch * m * n)
        }
        guard m > 0, n > 0, k > 0 else { return }
        withColumns(g) { (columns: UnsafeMutablePointer<Scalar>) in
            for sample in 0..<g.batch {
                Kernels.im2col(input.buffer.base + sample * g.inputSample, columns, g)
                // out[sample] [O, OH*OW] = filter [O, C*KH*KW] x columns [C*KH*KW, OH*OW]
                Scalar._gemm(
                    transposeA: false, transposeB: false, m: m, n: n, k: k, filter.buffer.base, lda: k, columns, ldb: n,
                    out + sample * m * n, ldc: n, accumulate: true)
            }
        }
    }
    return Tensor.recording(value, inputs: [input, filter] + (bias.map { [$0] } ?? [])) { upstream in
        [
            input.isWantedByBackpropagation ? convolutionInputGradient(upstream, filter, g) : nil,
            filter.isWantedByBackpropagation ? convolutionFilterGradient(input, upstream, g) : nil,
        ] + (bias.map { bias in
            // Summed over positions (rows of [batch * channels, OH * OW]), then over the batch.
            [bias.isWantedByBackpropagation ? upstream.reshaped(to: [g.batch, m, n]).sum(alongAxes: [2]).sum(alongAxes: [0]) : nil]
        } ?? [])
    }
}

/// The adjoint of the convolution in its input (a transposed convolution): for an output
/// gradient G, the input gradient, [batch, inChannels, H, W]. Each sample's column gradient
/// filterᵀ G[n] is folded back with col2im.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func convolutionInputGradient<Scalar>(
    _ outputGradient: Tensor<Scalar>, _ filter: Tensor<Scalar>, _ g: ConvolutionGeometry
) -> Tensor<Scalar> {
    let (outChannels, plane, patch) = (g.outputChannels, g.outputPlane, g.patchSize)
    let value = Tensor<Scalar>(shape: g.inputShape) { inputGradient in
        inputGradient.initialize(repeating: 0, count: g.batch * g.inputSample)
        guard outChannels > 0, plane > 0, patch > 0 else { return }
        withColumns(g) { (columns: UnsafeMutablePointer<Scalar>) in
            for sample in 0..<g.batch {
                // columns [C*KH*KW, OH*OW] = filterᵀ [C*KH*KW, O] x G[sample] [O, OH*OW]
                // (BLAS overwrites the uninitialised columns when not accumulating.)
                Scalar._gemm(
                    transposeA: true, transposeB: false, m: patch, n: plane, k: outChannels, filter.buffer.base, lda: patch,
                    outputGradient.buffer.base + sample * outChannels * plane, ldb: plane, columns, ldc: plane, accumulate: false)
                Kernels.col2im(columns, inputGradient + sample * g.inputSample, g)
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
        withColumns(g) { (columns: UnsafeMutablePointer<Scalar>) in
            for sample in 0..<g.batch {
                Kernels.im2col(input.buffer.base + sample * g.inputSample, columns, g)
                // filterGradient [O, C*KH*KW] += G[sample] [O, OH*OW] x columnsᵀ [OH*OW, C*KH*KW]
                Scalar._gemm(
                    transposeA: false, transposeB: true, m: outChannels, n: patch, k: plane,
                    outputGradient.buffer.base + sample * outChannels * plane, lda: plane, columns, ldb: plane,
                    filterGradient, ldc: patch, accumulate: true)
            }
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
