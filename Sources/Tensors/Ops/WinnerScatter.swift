// The transposed convolution of seeds that sit on max-pooling winners, by scattering filter
// rows. Routed to the winners of 2 x 2 windows, a pooled output's seeds fill a quarter of the
// convolution's output plane; a dense transposed convolution multiplies the other three
// quarters' zeros too. Here each seed adds its output channel's filter, scaled, onto the
// input positions its window covers, so the work is that of the seeds alone. All the seeds
// of one sample share their winners, so each filter row read serves every seed at once
// (`TensorScalar._scatterRows`, a small vectorised kernel).

/// Whether scattering beats the dense product for a convolution: each scattered row holds
/// `kernelWidth · inputChannels` scalars, and below two vectors' worth the dense product is
/// faster (the MNIST network's first convolution, with one input channel, stays dense).
func winnerScatterServes(_ g: ConvolutionGeometry) -> Bool {
    g.kernelWidth * g.inputChannels >= 16
}

/// The input gradient of a convolution for R seeds per sample on its max-pooled output,
/// [R·B, inChannels, H, W], as `conv2DInputGradient(throughMaxPoolOf:)` defines it.
///
/// For each sample: its seeds are sorted by the output position of their winner (a counting
/// sort), then for each position and filter row u, the filter rows of the channels that won
/// there are added, times their R seeds, onto the R input gradients, kept channels-last in a
/// zero-padded scratch so that a filter row (its KW columns times C channels) lands on one
/// contiguous run; the scratch is finally cropped and transposed to NCHW. Samples are split
/// across cores.
///
/// - Parameters:
///   - seeds: [R·B, O, PH, PW], replica-major.
///   - winners: Per plane of the pooled input [B, O, OH, OW], the flat index of each window's
///     winner (`poolingWinners`), PH·PW per plane.
///   - positiveIn: When given, only the seeds whose winner's value here is positive count.
///   - g: The transposed convolution's geometry, its batch R·B.
func winnerScatterTransposedConvolution<Scalar: TensorScalar>(
    seeds: Tensor<Scalar>, winners: UnsafePointer<Int>, keepingPositiveIn positiveIn: UnsafePointer<Scalar>?,
    filter: Tensor<Scalar>, samples: Int, pooledPlane: Int, _ g: ConvolutionGeometry
) -> Tensor<Scalar> {
    let replicas = g.batch / samples
    let (channels, inChannels, plane) = (g.outputChannels, g.inputChannels, g.outputPlane)
    let (kernelHeight, kernelWidth, step) = (g.kernelHeight, g.kernelWidth, g.stride)
    let rowLength = kernelWidth * inChannels
    // The scratch covers every position a window touches and the input itself.
    let scratchHeight = Swift.max((g.outputHeight - 1) * step + kernelHeight, g.padTop + g.inputHeight)
    let scratchWidth = Swift.max((g.outputWidth - 1) * step + kernelWidth, g.padLeft + g.inputWidth)
    let replicaStride = scratchHeight * scratchWidth * inChannels
    let inputPlane = g.inputHeight * g.inputWidth

    // The filter channels-last, [O, KH, KW, C]: row (o, u) is the contiguous run one seed of
    // channel o adds onto input row u of its window.
    var filterRows = [Scalar](repeating: 0, count: channels * kernelHeight * rowLength)
    filterRows.withUnsafeMutableBufferPointer { rows in
        let source = filter.buffer.base
        for o in 0..<channels {
            for c in 0..<inChannels {
                for u in 0..<kernelHeight {
                    for v in 0..<kernelWidth {
                        rows[((o * kernelHeight + u) * kernelWidth + v) * inChannels + c] =
                            source[((o * inChannels + c) * kernelHeight + u) * kernelWidth + v]
                    }
                }
            }
        }
    }
    let entriesPerSample = channels * pooledPlane
    let operationsPerSample = 2 * replicas * entriesPerSample * kernelHeight * rowLength
    return Tensor<Scalar>(shape: g.inputShape) { out in
        filterRows.withUnsafeBufferPointer { filterRows in
            let filterRows = filterRows.baseAddress!
            CoreSplit.forEachPart(count: samples, operationsPerItem: operationsPerSample) { _, part in
                let scratch = UnsafeMutablePointer<Scalar>.allocate(capacity: replicas * replicaStride)
                let starts = UnsafeMutablePointer<Int>.allocate(capacity: plane + 1)
                let rowOffsets = UnsafeMutablePointer<Int>.allocate(capacity: Swift.max(entriesPerSample, 1))
                let coefficients = UnsafeMutablePointer<Scalar>.allocate(capacity: Swift.max(entriesPerSample * replicas, 1))
                defer {
                    scratch.deallocate()
                    starts.deallocate()
                    rowOffsets.deallocate()
                    coefficients.deallocate()
                }
                for sample in part {
                    // Counting sort of the sample's kept seeds by their winner's position.
                    starts.initialize(repeating: 0, count: plane + 1)
                    func forEachKeptSeed(_ body: (_ channel: Int, _ pooled: Int, _ position: Int) -> Void) {
                        for o in 0..<channels {
                            let planeIndex = sample * channels + o
                            let planeWinners = winners + planeIndex * pooledPlane
                            for q in 0..<pooledPlane {
                                let winner = planeWinners[q]
                                if let positiveIn, !(positiveIn[winner] > 0) { continue }
                                body(o, q, winner - planeIndex * plane)
                            }
                        }
                    }
                    forEachKeptSeed { _, _, position in starts[position + 1] += 1 }
                    for position in 0..<plane { starts[position + 1] += starts[position] }
                    forEachKeptSeed { o, q, position in
                        let entry = starts[position]
                        starts[position] += 1
                        rowOffsets[entry] = o * kernelHeight * rowLength
                        for r in 0..<replicas {
                            coefficients[entry * replicas + r] = seeds.buffer.base[((r * samples + sample) * channels + o) * pooledPlane + q]
                        }
                    }
                    // `starts[p]` is now where position p + 1's entries begin.

                    scratch.initialize(repeating: 0, count: replicas * replicaStride)
                    for position in 0..<plane {
                        let first = position == 0 ? 0 : starts[position - 1]
                        let count = starts[position] - first
                        guard count > 0 else { continue }
                        let (i, j) = (position / g.outputWidth, position % g.outputWidth)
                        for u in 0..<kernelHeight {
                            Scalar._scatterRows(
                                filterRows + u * rowLength, rowOffsets: rowOffsets + first, coefficients: coefficients + first * replicas,
                                entries: count, replicas: replicas, into: scratch + ((i * step + u) * scratchWidth + j * step) * inChannels,
                                replicaStride: replicaStride, length: rowLength)
                        }
                    }
                    // Cropped to the input and transposed to [C, H, W] per replica.
                    for r in 0..<replicas {
                        let source = scratch + r * replicaStride
                        let target = out + (r * samples + sample) * inChannels * inputPlane
                        for y in 0..<g.inputHeight {
                            let row = source + ((y + g.padTop) * scratchWidth + g.padLeft) * inChannels
                            for x in 0..<g.inputWidth {
                                for c in 0..<inChannels {
                                    target[c * inputPlane + y * g.inputWidth + x] = row[x * inChannels + c]
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
