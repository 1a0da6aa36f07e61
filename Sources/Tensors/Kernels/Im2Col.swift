/// Where a 2-D convolution reads its input: sizes, stride and zero padding, decided once from
/// the input and filter shapes and shared by the convolution and its two adjoints.
struct ConvolutionGeometry: Sendable, Equatable {
    let batch: Int
    let inputChannels: Int
    let inputHeight: Int
    let inputWidth: Int
    let outputChannels: Int
    let kernelHeight: Int
    let kernelWidth: Int
    let stride: Int
    /// Zero rows added above the input (the rest of the vertical padding goes below).
    let padTop: Int
    /// Zero columns added left of the input (the rest of the horizontal padding goes right).
    let padLeft: Int
    let outputHeight: Int
    let outputWidth: Int

    /// The geometry of convolving an NCHW `input` shape with an OIHW `filter` shape.
    ///
    /// `.valid` reads only whole windows: output size floor((n - k) / stride) + 1. `.same`
    /// gives ceil(n / stride) outputs and splits the needed zeros evenly, the extra one after
    /// (TensorFlow's rule, which for stride 1 and an odd kernel k pads (k - 1) / 2 each side).
    init(input: [Int], filter: [Int], stride: Int, padding: ConvolutionPadding, operation: String) {
        guard input.count == 4 else { fail(.rank(operation: operation, expected: "an input of rank 4 [batch, channels, height, width]", got: input)) }
        guard filter.count == 4 else {
            fail(.rank(operation: operation, expected: "a filter of rank 4 [outChannels, inChannels, kernelHeight, kernelWidth]", got: filter))
        }
        guard input[1] == filter[1] else {
            fail(.invalid("\(operation): the input has \(input[1]) channels (shape \(input)) but the filter expects \(filter[1]) (shape \(filter))"))
        }
        guard stride >= 1 else { fail(.invalid("\(operation) needs a stride of at least 1, got \(stride)")) }
        guard filter[2] >= 1, filter[3] >= 1 else { fail(.invalid("\(operation) needs a kernel of at least 1 x 1, got filter shape \(filter)")) }
        (batch, inputChannels, inputHeight, inputWidth) = (input[0], input[1], input[2], input[3])
        (outputChannels, kernelHeight, kernelWidth) = (filter[0], filter[2], filter[3])
        self.stride = stride
        func along(_ size: Int, _ kernel: Int) -> (output: Int, before: Int) {
            switch padding {
            case .valid:
                guard size >= kernel else {
                    fail(.invalid("\(operation) with .valid padding needs inputs at least as large as the kernel: input \(input), filter \(filter)"))
                }
                return ((size - kernel) / stride + 1, 0)
            case .same:
                let output = (size + stride - 1) / stride
                let total = Swift.max((output - 1) * stride + kernel - size, 0)
                return (output, total / 2)
            }
        }
        (outputHeight, padTop) = along(inputHeight, kernelHeight)
        (outputWidth, padLeft) = along(inputWidth, kernelWidth)
    }

    /// Rows of one sample's column matrix: inputChannels * kernelHeight * kernelWidth.
    var patchSize: Int { inputChannels * kernelHeight * kernelWidth }
    /// Columns of one sample's column matrix: outputHeight * outputWidth.
    var outputPlane: Int { outputHeight * outputWidth }
    /// Scalars in one input sample.
    var inputSample: Int { inputChannels * inputHeight * inputWidth }
    var inputShape: [Int] { [batch, inputChannels, inputHeight, inputWidth] }
    var filterShape: [Int] { [outputChannels, inputChannels, kernelHeight, kernelWidth] }
    var outputShape: [Int] { [batch, outputChannels, outputHeight, outputWidth] }
}

extension Kernels {
    /// Unfolds one [C, H, W] sample into its column matrix [C * KH * KW, OH * OW]: row (c, i, j)
    /// holds input[c, oh * s + i - padTop, ow * s + j - padLeft] for every output position
    /// (oh, ow), and 0 where that falls in the padding. Rows are `rowStride` apart, so the
    /// matrices of several samples can sit side by side.
    @inline(__always)
    static func im2col<S: TensorScalar>(
        _ sample: UnsafePointer<S>, _ columns: UnsafeMutablePointer<S>, _ g: ConvolutionGeometry, rowStride: Int
    ) {
        let (oh, ow) = (g.outputHeight, g.outputWidth)
        var row = columns
        for c in 0..<g.inputChannels {
            let channel = sample + c * g.inputHeight * g.inputWidth
            for i in 0..<g.kernelHeight {
                for j in 0..<g.kernelWidth {
                    let (first, last) = validOutputColumns(offset: j - g.padLeft, size: g.inputWidth, count: ow, stride: g.stride)
                    for y in 0..<oh {
                        let target = row + y * ow
                        let inputRow = y * g.stride + i - g.padTop
                        guard inputRow >= 0, inputRow < g.inputHeight, first < last else {
                            target.update(repeating: 0, count: ow)
                            continue
                        }
                        let source = channel + inputRow * g.inputWidth + (j - g.padLeft)
                        target.update(repeating: 0, count: first)
                        if g.stride == 1 {
                            (target + first).update(from: source + first, count: last - first)
                        } else {
                            for x in first..<last { target[x] = source[x * g.stride] }
                        }
                        (target + last).update(repeating: 0, count: ow - last)
                    }
                    row += rowStride
                }
            }
        }
    }

    /// Folds a column matrix [C * KH * KW, OH * OW] (rows `rowStride` apart) back onto one
    /// [C, H, W] sample, adding every entry to the input position it was read from (the
    /// adjoint of `im2col`). Accumulates into `sample`, which the caller initialises.
    @inline(__always)
    static func col2im<S: TensorScalar>(
        _ columns: UnsafePointer<S>, _ sample: UnsafeMutablePointer<S>, _ g: ConvolutionGeometry, rowStride: Int
    ) {
        let (oh, ow) = (g.outputHeight, g.outputWidth)
        var row = columns
        for c in 0..<g.inputChannels {
            let channel = sample + c * g.inputHeight * g.inputWidth
            for i in 0..<g.kernelHeight {
                for j in 0..<g.kernelWidth {
                    let (first, last) = validOutputColumns(offset: j - g.padLeft, size: g.inputWidth, count: ow, stride: g.stride)
                    for y in 0..<oh where first < last {
                        let inputRow = y * g.stride + i - g.padTop
                        guard inputRow >= 0, inputRow < g.inputHeight else { continue }
                        let source = row + y * ow
                        let target = channel + inputRow * g.inputWidth + (j - g.padLeft)
                        if g.stride == 1 {
                            for x in first..<last { target[x] += source[x] }
                        } else {
                            for x in first..<last { target[x * g.stride] += source[x] }
                        }
                    }
                    row += rowStride
                }
            }
        }
    }

    /// The output columns x in `first..<last` for which x * stride + offset lies in 0..<size.
    @inline(__always)
    private static func validOutputColumns(offset: Int, size: Int, count: Int, stride: Int) -> (first: Int, last: Int) {
        // first: the smallest x with x * stride + offset >= 0; last: one past the largest with < size.
        let first = offset >= 0 ? 0 : (-offset + stride - 1) / stride
        let last = size - offset <= 0 ? 0 : Swift.min(count, (size - offset - 1) / stride + 1)
        return (Swift.min(first, count), Swift.max(Swift.min(first, count), last))
    }
}
