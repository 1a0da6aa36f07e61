import MarginTestSupport
import Tensors
import Testing

/// One setting of a convolution followed by max pooling, seen from the seeds on the pooled
/// output: "[2, 3, 6, 6] * [4, 3, 3, 3] stride 1 same, pool 2/2, 3 seeds per sample".
struct PooledConvolutionCase: Sendable, CustomTestStringConvertible {
    let input: [Int]
    let filter: [Int]
    let stride: Int
    let padding: ConvolutionPadding
    let window: Int
    let poolStride: Int
    let replicas: Int

    var testDescription: String {
        "\(input) * \(filter) stride \(stride) \(padding), pool \(window)/\(poolStride), \(replicas) seeds per sample"
    }

    /// Through the dense product (filter rows of kernelWidth x inChannels under 16 scalars):
    /// non-overlapping windows after a 'same' convolution (the MNIST network's pattern, through
    /// the flat-row im2col), and overlapping windows (winners shared by several windows) after
    /// a strided 'valid' one (the general path).
    ///
    /// Through the winner scatter (rows of 16 scalars and more): a batch large enough to be
    /// split across cores, with nine seeds per sample as the margin loss sends (replica blocks
    /// 3, 3, 3; rows of 64, whole vectors); overlapping windows after a strided 'valid'
    /// convolution whose windows miss the input's last row and column, five seeds (blocks 3, 2;
    /// rows of 18, a scalar tail); a strided 'same' convolution padded on both sides, one seed
    /// (rows of 25: a single-vector and a scalar tail); and four seeds (one block of 4).
    static let all = [
        PooledConvolutionCase(input: [2, 3, 6, 6], filter: [4, 3, 3, 3], stride: 1, padding: .same, window: 2, poolStride: 2, replicas: 3),
        PooledConvolutionCase(input: [2, 3, 9, 9], filter: [4, 3, 3, 3], stride: 2, padding: .valid, window: 3, poolStride: 1, replicas: 2),
        PooledConvolutionCase(input: [3, 16, 16, 16], filter: [8, 16, 4, 4], stride: 1, padding: .same, window: 2, poolStride: 2, replicas: 9),
        PooledConvolutionCase(input: [2, 6, 12, 12], filter: [5, 6, 3, 3], stride: 2, padding: .valid, window: 3, poolStride: 1, replicas: 5),
        PooledConvolutionCase(input: [2, 5, 7, 7], filter: [4, 5, 5, 5], stride: 2, padding: .same, window: 2, poolStride: 2, replicas: 1),
        PooledConvolutionCase(input: [1, 8, 6, 6], filter: [6, 8, 3, 3], stride: 1, padding: .same, window: 2, poolStride: 2, replicas: 4),
    ]
}

extension TensorsSuite {
    @Suite("The transposed convolution of seeds on a max-pooled output, in one pass")
    struct ConvolutionThroughPoolingTests {
        /// Random seeds, pooled input and filter for `setting`, the convolution's output shape.
        private func operands(_ setting: PooledConvolutionCase) -> (seeds: Tensor<Double>, poolInput: Tensor<Double>, filter: Tensor<Double>) {
            let filter = randomTensor(setting.filter, seed: 31)
            let output = conv2D(randomTensor(setting.input, seed: 32), filter: filter, stride: setting.stride, padding: setting.padding)
            let pooled = maxPool2D(output, window: setting.window, stride: setting.poolStride)
            let seeds = randomTensor([setting.replicas * setting.input[0]] + pooled.shape.dropFirst(), seed: 33)
            return (seeds, output, filter)
        }

        /// The two operations it fuses, one after the other.
        private func composed(_ setting: PooledConvolutionCase, _ seeds: Tensor<Double>, _ poolInput: Tensor<Double>, _ filter: Tensor<Double>) -> Tensor<Double> {
            let routed = maxPool2DInputGradient(of: seeds, input: poolInput, window: setting.window, stride: setting.poolStride)
            return conv2DInputGradient(
                routed, filter: filter, inputShape: [seeds.shape[0]] + setting.input.dropFirst(), stride: setting.stride,
                padding: setting.padding)
        }

        private func fused(_ setting: PooledConvolutionCase, _ seeds: Tensor<Double>, _ poolInput: Tensor<Double>, _ filter: Tensor<Double>) -> Tensor<Double> {
            conv2DInputGradient(
                throughMaxPoolOf: seeds, poolInput: poolInput, window: setting.window, poolStride: setting.poolStride,
                filter: filter, inputShape: setting.input, stride: setting.stride, padding: setting.padding)
        }

        @Test("equals routing the seeds to the winners, then the transposed convolution", arguments: PooledConvolutionCase.all)
        func matchesComposition(setting: PooledConvolutionCase) {
            let (seeds, poolInput, filter) = operands(setting)
            let result = fused(setting, seeds, poolInput, filter)
            #expect(result.shape == [seeds.shape[0]] + setting.input.dropFirst())
            expectClose(result, composed(setting, seeds, poolInput, filter), tolerance: 1e-12)
        }

        @Test("only positive winners: the seeds of windows whose maximum is not positive are dropped, recorded or not", arguments: PooledConvolutionCase.all)
        func onlyPositiveWinners(setting: PooledConvolutionCase) {
            let (seeds, output, filter) = operands(setting)
            // A ReLU's output (shifted down so that whole windows are zero), as the layers give.
            let poolInput = Tensor(shape: output.shape, scalars: output.scalars.map { max($0 - 1, 0) })
            // The kept seeds by hand: each seed times 1 where its window's maximum is positive.
            let maxima = maxPool2D(poolInput, window: setting.window, stride: setting.poolStride).scalars
            let kept = Tensor(shape: seeds.shape, scalars: seeds.scalars.enumerated().map { i, seed in
                maxima[i % maxima.count] > 0 ? seed : 0
            })
            #expect(kept.scalars.contains(0) && kept.scalars.contains { $0 != 0 })
            let expected = composed(setting, kept, poolInput, filter)
            func run(_ seeds: Tensor<Double>) -> Tensor<Double> {
                conv2DInputGradient(
                    throughMaxPoolOf: seeds, poolInput: poolInput, window: setting.window, poolStride: setting.poolStride,
                    filter: filter, inputShape: setting.input, stride: setting.stride, padding: setting.padding,
                    onlyPositiveWinners: true)
            }
            expectClose(run(seeds), expected, tolerance: 1e-12)
            expectClose(run(seeds.requiringGradient()).withoutDerivative(), expected, tolerance: 1e-12)
        }

        @Test("in Float (the vector kernel the margin loss runs), equals the composition in Double", arguments: PooledConvolutionCase.all)
        func singlePrecision(setting: PooledConvolutionCase) {
            let (seeds, poolInput, filter) = operands(setting)
            func float(_ t: Tensor<Double>) -> Tensor<Float> { Tensor(shape: t.shape, scalars: t.scalars.map { Float($0) }) }
            // The Double operands rounded to Float first, so that both sides see the same winners.
            let (seeds32, poolInput32, filter32) = (float(seeds), float(poolInput), float(filter))
            func double(_ t: Tensor<Float>) -> Tensor<Double> { Tensor(shape: t.shape, scalars: t.scalars.map { Double($0) }) }
            let result = conv2DInputGradient(
                throughMaxPoolOf: seeds32, poolInput: poolInput32, window: setting.window, poolStride: setting.poolStride,
                filter: filter32, inputShape: setting.input, stride: setting.stride, padding: setting.padding)
            let expected = composed(setting, double(seeds32), double(poolInput32), double(filter32))
            expectClose(double(result), expected, tolerance: 1e-4)
        }

        @Test("recorded, its gradients in the seeds and the filter are the composition's", arguments: PooledConvolutionCase.all.prefix(2))
        func recordedGradients(setting: PooledConvolutionCase) {
            let (seeds, poolInput, filter) = operands(setting)
            let (s, w) = (seeds.requiringGradient(), filter.requiringGradient())
            let upstream = randomTensor([seeds.shape[0]] + setting.input.dropFirst(), seed: 34)
            let viaFused = Tensors.gradients(of: fused(setting, s, poolInput, w), withRespectTo: [s, w], seed: upstream)
            let viaComposed = Tensors.gradients(of: composed(setting, s, poolInput, w), withRespectTo: [s, w], seed: upstream)
            expectClose(viaFused[0], viaComposed[0], tolerance: 1e-12)
            expectClose(viaFused[1], viaComposed[1], tolerance: 1e-12)
        }

        @Test("seeds that do not fit the pooled output stop with a sentence naming the shapes")
        func mismatch() async {
            let exit = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = conv2DInputGradient(
                    throughMaxPoolOf: Tensor<Double>(zeros: [2, 4, 2, 2]), poolInput: Tensor<Double>(zeros: [2, 4, 6, 6]),
                    filter: Tensor<Double>(zeros: [4, 3, 3, 3]), inputShape: [2, 3, 6, 6], padding: .same)
            }
            #expect(standardError(of: exit).contains(
                "conv2DInputGradient(throughMaxPoolOf:): seeds [2, 4, 2, 2], pooled input [2, 4, 6, 6] (window 2, stride 2) and convolution input [2, 3, 6, 6] with filter [4, 3, 3, 3] do not fit together"))
        }
    }
}
