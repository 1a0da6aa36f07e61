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

/// How a convolution unfolds its samples into column matrices (im2col) and folds column
/// matrices back onto samples (col2im), decided once per operation from its geometry: the
/// flat-row loops when the geometry allows them (`FlatRows`), else the general ones.
struct ColumnUnfolding: Sendable {
    let g: ConvolutionGeometry
    private let flat: FlatRows?

    init(_ g: ConvolutionGeometry) {
        self.g = g
        flat = FlatRows(g)
    }

    /// Unfolds one [C, H, W] sample into its column matrix [C * KH * KW, OH * OW]: row (c, i, j)
    /// holds input[c, oh * s + i - padTop, ow * s + j - padLeft] for every output position
    /// (oh, ow), and 0 where that falls in the padding. Rows are `rowStride` apart, so the
    /// matrices of several samples can sit side by side.
    @inline(__always)
    func im2col<S: TensorScalar>(_ sample: UnsafePointer<S>, _ columns: UnsafeMutablePointer<S>, rowStride: Int) {
        if let flat {
            flat.im2col(sample, columns, rowStride: rowStride)
            return
        }
        let (oh, ow) = (g.outputHeight, g.outputWidth)
        var row = columns
        for c in 0..<g.inputChannels {
            let channel = sample + c * g.inputHeight * g.inputWidth
            for i in 0..<g.kernelHeight {
                for j in 0..<g.kernelWidth {
                    let (first, last) = Self.validOutputColumns(offset: j - g.padLeft, size: g.inputWidth, count: ow, stride: g.stride)
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
    func col2im<S: TensorScalar>(_ columns: UnsafePointer<S>, _ sample: UnsafeMutablePointer<S>, rowStride: Int) {
        if let flat {
            flat.col2im(columns, sample, rowStride: rowStride)
            return
        }
        let (oh, ow) = (g.outputHeight, g.outputWidth)
        var row = columns
        for c in 0..<g.inputChannels {
            let channel = sample + c * g.inputHeight * g.inputWidth
            for i in 0..<g.kernelHeight {
                for j in 0..<g.kernelWidth {
                    let (first, last) = Self.validOutputColumns(offset: j - g.padLeft, size: g.inputWidth, count: ow, stride: g.stride)
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

/// im2col and col2im for the common geometry where a column-matrix row is one shifted copy
/// of an input channel: stride 1 and output rows as wide as input rows (`.same` padding,
/// say). Then output position q = y * W + x reads input position q + (i - padTop) * W +
/// (j - padLeft) of the channel, so each row (c, i, j) is one long contiguous copy (or add)
/// instead of one short run per output row. The positions whose x + j - padLeft leaves the
/// row (and would wrap onto the neighbouring row) are masked out in the same loop, by a
/// mask per horizontal shift built once per operation.
private struct FlatRows: Sendable {
    let g: ConvolutionGeometry
    /// For kernel column j, at j * outputPlane + q: 1 if output position q's shifted read
    /// x + j - padLeft stays inside its row, else 0 (in Float, which the loops compare as a
    /// vector faster than they widen bytes).
    private let inRow: [Float]

    init?(_ g: ConvolutionGeometry) {
        guard g.stride == 1, g.outputWidth == g.inputWidth, g.outputHeight > 0, g.outputWidth > 0 else { return nil }
        self.g = g
        let (w, plane) = (g.inputWidth, g.outputPlane)
        inRow = (0..<g.kernelWidth).flatMap { j in
            (0..<plane).map { q in (0..<w).contains(q % w + j - g.padLeft) ? 1 : 0 }
        }
    }

    /// Where the column-matrix row of kernel offset (i, j) reads its channel: output position
    /// q reads channel position q + offset, for q in start..<end (the positions whose channel
    /// position exists; those among them whose x leaves the row are masked apart); `mask` is
    /// where the row's in-row mask starts in `inRow`.
    private struct Shift {
        let offset: Int, start: Int, end: Int, mask: Int
    }

    @inline(__always)
    private func shift(_ i: Int, _ j: Int) -> Shift {
        let (rowShift, d, w) = (i - g.padTop, j - g.padLeft, g.inputWidth)
        let offset = rowShift * w + d
        let y0 = Swift.max(0, -rowShift)
        let y1 = Swift.max(y0, Swift.min(g.outputHeight, g.inputHeight - rowShift))
        let start = Swift.min(Swift.max(y0 * w, -offset), y1 * w)
        let end = Swift.max(start, Swift.min(y1 * w, g.inputHeight * w - offset))
        return Shift(offset: offset, start: start, end: end, mask: j * g.outputPlane)
    }

    /// Calls `body` for every column-matrix row, in order: its index, its input channel and
    /// where it reads.
    @inline(__always)
    private func forEachRow(_ body: (_ row: Int, _ channel: Int, _ shift: Shift) -> Void) {
        var row = 0
        for c in 0..<g.inputChannels {
            for i in 0..<g.kernelHeight {
                for j in 0..<g.kernelWidth {
                    body(row, c, shift(i, j))
                    row += 1
                }
            }
        }
    }

    @inline(__always)
    func im2col<S: TensorScalar>(_ sample: UnsafePointer<S>, _ columns: UnsafeMutablePointer<S>, rowStride: Int) {
        let (plane, channelSize) = (g.outputPlane, g.inputHeight * g.inputWidth)
        inRow.withUnsafeBufferPointer { inRow in
            forEachRow { r, c, s in
                let row = columns + r * rowStride
                // Copy where the channel has data and the read stays in its row; zero the rest.
                let source = sample + c * channelSize + s.offset
                let keep = inRow.baseAddress! + s.mask
                row.update(repeating: 0, count: s.start)
                // (The read is unconditional so that the loop vectorises as a select.)
                for q in s.start..<s.end {
                    let value = source[q]
                    row[q] = keep[q] != 0 ? value : 0
                }
                (row + s.end).update(repeating: 0, count: plane - s.end)
            }
        }
    }

    @inline(__always)
    func col2im<S: TensorScalar>(_ columns: UnsafePointer<S>, _ sample: UnsafeMutablePointer<S>, rowStride: Int) {
        let channelSize = g.inputHeight * g.inputWidth
        inRow.withUnsafeBufferPointer { inRow in
            forEachRow { r, c, s in
                let row = columns + r * rowStride
                let target = sample + c * channelSize + s.offset
                let keep = inRow.baseAddress! + s.mask
                for q in s.start..<s.end {
                    let value = row[q]
                    target[q] += keep[q] != 0 ? value : 0
                }
            }
        }
    }
}
