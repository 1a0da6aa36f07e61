/// The gradient of a convolution's input for seeds given on its max-pooled output: the same
/// as routing the seeds to the pooling windows' winners (`maxPool2DInputGradient`) and then
/// taking the transposed convolution (`conv2DInputGradient`), but without the routed seeds
/// in memory. Each chunk of samples routes its seeds into the product's scratch matrix, in
/// cache, instead of writing a tensor of the convolution's output size (four times the
/// seeds for 2 x 2 windows) and reading it back; for the nine class seeds per sample of the
/// margin loss on the MNIST network that tensor is a few hundred megabytes. When the filter's
/// rows are long enough (kernel width x input channels of 16 and more), the winners' filter
/// rows are scattered, times their seeds, onto the input instead (`WinnerScatter.swift`): the
/// dense product's work on the routed seeds' zeros (three quarters of them for 2 x 2 windows,
/// more behind a ReLU) is not done at all.
///
/// - Parameters:
///   - seeds: [R·B, outChannels, pooledHeight, pooledWidth]: R seeds per sample on the pooled
///     output (replica-major: row r·B + b belongs to sample b).
///   - poolInput: [B, outChannels, OH, OW], what was pooled (the convolution's output or an
///     elementwise function of it, such as its ReLU): it decides the winners.
///   - window, poolStride: The pooling's window and stride (`window` when nil).
///   - filter: The convolution's filter [outChannels, inChannels, KH, KW].
///   - inputShape: The convolution's input shape [B, inChannels, H, W].
///   - stride, padding: The convolution's.
///   - onlyPositiveWinners: Drops the seeds of windows whose maximum is not positive: the
///     derivative of a ReLU before the pooling, when `poolInput` is the ReLU's output (max
///     pooling commutes with the ReLU, so its derivative at the winner is all that matters).
/// - Returns: [R·B, inChannels, H, W]. Differentiable in the seeds and the filter (when either
///   is recorded, the two operations are composed instead).
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func conv2DInputGradient<Scalar>(
    throughMaxPoolOf seeds: Tensor<Scalar>, poolInput: Tensor<Scalar>, window: Int = 2, poolStride: Int? = nil,
    filter: Tensor<Scalar>, inputShape: [Int], stride: Int = 1, padding: ConvolutionPadding = .valid,
    onlyPositiveWinners: Bool = false
) -> Tensor<Scalar> {
    let recorded = GradientRecording.isEnabled && (seeds.requiresGradient || filter.requiresGradient)
    let samples = poolInput.shape.first ?? 0
    let replicas = (seeds.shape.first ?? 0) / Swift.max(samples, 1)
    // The transposed convolution's input: R copies of the batch.
    let convolutionInput = [replicas * (inputShape.first ?? 0)] + inputShape.dropFirst()
    guard !recorded, poolInput.rank == 4, samples > 0, seeds.rank == 4, seeds.shape[0] % samples == 0 else {
        // Recorded (or malformed: the composed operations name the problem).
        var kept = seeds
        if onlyPositiveWinners {
            let positive = maxPool2D(poolInput, window: window, stride: poolStride).positiveMask()
            kept = (seeds.reshaped(to: [replicas] + positive.shape) * positive).reshaped(to: seeds.shape)
        }
        let routed = maxPool2DInputGradient(of: kept, input: poolInput, window: window, stride: poolStride)
        return conv2DInputGradient(routed, filter: filter, inputShape: convolutionInput, stride: stride, padding: padding)
    }
    let geometry = ConvolutionGeometry(
        input: convolutionInput, filter: filter.shape, stride: stride, padding: padding,
        operation: "conv2DInputGradient(throughMaxPoolOf:)")
    let step = poolStride ?? window
    let pooled = poolInput.shape[2] >= window && poolInput.shape[3] >= window
        ? [poolInput.shape[1], (poolInput.shape[2] - window) / step + 1, (poolInput.shape[3] - window) / step + 1] : []
    guard inputShape.first == samples, Array(poolInput.shape.dropFirst()) == Array(geometry.outputShape.dropFirst()),
          Array(seeds.shape.dropFirst()) == pooled else {
        fail(.invalid("conv2DInputGradient(throughMaxPoolOf:): seeds \(seeds.shape), pooled input \(poolInput.shape) (window \(window), stride \(step)) and convolution input \(inputShape) with filter \(filter.shape) do not fit together"))
    }
    let winners = poolingWinners(of: poolInput, window: window, stride: step)
    let (channels, plane, pooledPlane) = (geometry.outputChannels, geometry.outputPlane, pooled[1] * pooled[2])
    if winnerScatterServes(geometry) {
        return winners.withUnsafeBufferPointer { winners in
            winnerScatterTransposedConvolution(
                seeds: seeds, winners: winners.baseAddress!, keepingPositiveIn: onlyPositiveWinners ? poolInput.buffer.base : nil,
                filter: filter, samples: samples, pooledPlane: pooledPlane, geometry)
        }
    }
    return winners.withUnsafeBufferPointer { winners in
        transposedConvolution(filter, geometry) { first, count, products in
            // The chunk's routed seeds as [O, count * OH*OW]: each pooled seed added onto its
            // window's winner (winners count from the start of `poolInput`).
            let width = count * plane
            for s in 0..<count {
                let row = first + s
                let sample = row % samples
                for o in 0..<channels {
                    let planeIndex = sample * channels + o
                    routePlane(
                        seeds.buffer.base + (row * channels + o) * pooledPlane, winners: winners.baseAddress! + planeIndex * pooledPlane,
                        count: pooledPlane, into: products + o * width + s * plane, planeStart: planeIndex * plane, planeSize: plane,
                        keepingPositiveIn: onlyPositiveWinners ? poolInput.buffer.base : nil)
                }
            }
            return UnsafePointer(products)
        }
    }
}
