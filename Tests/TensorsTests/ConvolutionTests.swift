import MarginTestSupport
import Tensors
import Testing

/// One convolution setting, printed as "[2, 3, 6, 5] * [4, 3, 3, 2] stride 2 same".
struct ConvolutionCase: Sendable, CustomTestStringConvertible {
    let input: [Int]
    let filter: [Int]
    let stride: Int
    let padding: ConvolutionPadding

    var testDescription: String { "\(input) * \(filter) stride \(stride) \(padding)" }

    /// Sizes that cover odd and even kernels, non-square inputs and kernels, strides that do
    /// not divide the input, asymmetric 'same' padding, (stride 1, 'same') kernels wider and
    /// taller than the input, whose shifted rows lie wholly in the padding, and a one-column
    /// kernel with output rows as wide as the input's but fewer of them.
    static let all = [
        ConvolutionCase(input: [2, 1, 5, 5], filter: [3, 1, 3, 3], stride: 1, padding: .valid),
        ConvolutionCase(input: [2, 1, 5, 5], filter: [3, 1, 3, 3], stride: 1, padding: .same),
        ConvolutionCase(input: [2, 3, 6, 5], filter: [4, 3, 3, 2], stride: 2, padding: .same),
        ConvolutionCase(input: [1, 2, 7, 6], filter: [2, 2, 2, 3], stride: 2, padding: .valid),
        ConvolutionCase(input: [1, 2, 4, 4], filter: [2, 2, 4, 2], stride: 1, padding: .same),
        ConvolutionCase(input: [3, 2, 5, 4], filter: [1, 2, 1, 1], stride: 3, padding: .same),
        ConvolutionCase(input: [2, 2, 3, 2], filter: [2, 2, 5, 6], stride: 1, padding: .same),
        ConvolutionCase(input: [2, 2, 5, 4], filter: [2, 2, 3, 1], stride: 1, padding: .valid),
    ]
}

/// The convolution by its definition, one output element at a time, on plain arrays (the
/// independent truth): out[n, o, i, j] = sum_{c, u, v} x[n, c, i s + u - top, j s + v - left] w[o, c, u, v],
/// with the 'same' padding computed here from the output size (TensorFlow's rule).
func directConvolution(_ x: Tensor<Double>, _ w: Tensor<Double>, stride s: Int, padding: ConvolutionPadding) -> Tensor<Double> {
    let (batch, channels, height, width) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
    let (outChannels, kh, kw) = (w.shape[0], w.shape[2], w.shape[3])
    let (oh, ow, top, left): (Int, Int, Int, Int)
    switch padding {
    case .valid:
        (oh, ow, top, left) = ((height - kh) / s + 1, (width - kw) / s + 1, 0, 0)
    case .same:
        let outH = Int((Double(height) / Double(s)).rounded(.up)), outW = Int((Double(width) / Double(s)).rounded(.up))
        (oh, ow) = (outH, outW)
        top = max((outH - 1) * s + kh - height, 0) / 2
        left = max((outW - 1) * s + kw - width, 0) / 2
    }
    let xs = x.scalars, ws = w.scalars
    var out: [Double] = []
    for n in 0..<batch {
        for o in 0..<outChannels {
            for i in 0..<oh {
                for j in 0..<ow {
                    var total = 0.0
                    for c in 0..<channels {
                        for u in 0..<kh {
                            for v in 0..<kw {
                                let (r, q) = (i * s + u - top, j * s + v - left)
                                guard r >= 0, r < height, q >= 0, q < width else { continue }
                                total += xs[((n * channels + c) * height + r) * width + q] * ws[((o * channels + c) * kh + u) * kw + v]
                            }
                        }
                    }
                    out.append(total)
                }
            }
        }
    }
    return Tensor(shape: [batch, outChannels, oh, ow], scalars: out)
}

extension TensorsSuite {
    @Suite("Convolution: im2col and BLAS, differentiable to every order")
    struct ConvolutionTests {
        @Test("hand-computed: a 2x2 filter of ones sums each window; 'same' pads one zero after")
        func handValues() {
            let x = Tensor<Double>(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 5, 6, 7, 8, 9])
            let ones = Tensor<Double>(ones: [1, 1, 2, 2])
            #expect(conv2D(x, filter: ones) == Tensor(shape: [1, 1, 2, 2], scalars: [12, 16, 24, 28]))
            // 'same' with an even kernel: the one zero row and column go after (bottom, right).
            #expect(conv2D(x, filter: ones, padding: .same) == Tensor(shape: [1, 1, 3, 3], scalars: [12, 16, 9, 24, 28, 15, 15, 17, 9]))
            // Stride 2, bias per output channel; the second filter picks the top-left corner.
            let corner = Tensor<Double>(shape: [1, 1, 2, 2], scalars: [1, 0, 0, 0])
            let y = conv2D(x, filter: Tensor(concatenating: [ones, corner]), bias: Tensor([10, -1]), stride: 2, padding: .same)
            #expect(y == Tensor(shape: [1, 2, 2, 2], scalars: [22, 19, 25, 19, 0, 2, 6, 8]))
        }

        @Test("an empty batch gives an empty output; no input channels give the bias alone")
        func emptyAxes() {
            #expect(conv2D(Tensor<Double>(zeros: [0, 1, 5, 5]), filter: Tensor(ones: [2, 1, 3, 3]), padding: .same).shape == [0, 2, 5, 5])
            let biasOnly = conv2D(Tensor<Double>(zeros: [2, 0, 4, 4]), filter: Tensor(zeros: [2, 0, 3, 3]), bias: Tensor([1, -2]))
            #expect(biasOnly == Tensor(concatenating: [Tensor(repeating: 1, shape: [2, 1, 2, 2]), Tensor(repeating: -2, shape: [2, 1, 2, 2])], alongAxis: 1))
        }

        @Test("conv2D equals the direct convolution loop", arguments: ConvolutionCase.all)
        func matchesDirectLoop(setting: ConvolutionCase) {
            let x = randomTensor(setting.input, seed: 1)
            let w = randomTensor(setting.filter, seed: 2)
            let y = conv2D(x, filter: w, stride: setting.stride, padding: setting.padding)
            expectClose(y, directConvolution(x, w, stride: setting.stride, padding: setting.padding), tolerance: 1e-13)
        }

        @Test("Float convolution agrees with Double")
        func float() {
            let x = randomTensor([2, 3, 8, 8], seed: 3), w = randomTensor([5, 3, 3, 3], seed: 4)
            let single = conv2D(Tensor<Float>(converting: x), filter: Tensor<Float>(converting: w), padding: .same)
            expectClose(Tensor<Double>(converting: single), conv2D(x, filter: w, padding: .same), tolerance: 1e-5)
        }

        @Test("the gradients in input, filter and bias match finite differences", arguments: ConvolutionCase.all)
        func gradients(setting: ConvolutionCase) {
            let x = randomTensor(setting.input, seed: 5)
            let w = randomTensor(setting.filter, seed: 6)
            let b = randomTensor([setting.filter[0]], seed: 7)
            expectGradientMatchesFiniteDifferences(
                of: { weightedSum(conv2D($0[0], filter: $0[1], bias: $0[2], stride: setting.stride, padding: setting.padding)) },
                at: [x, w, b])
        }

        @Test("Hessian-vector products through a nonlinearity match finite differences of the gradient", arguments: ConvolutionCase.all)
        func hessianVectorProducts(setting: ConvolutionCase) {
            let x = randomTensor(setting.input, seed: 8), w = randomTensor(setting.filter, seed: 9)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { weightedSum(tanh(conv2D($0[0], filter: $0[1], stride: setting.stride, padding: setting.padding))) },
                at: [x, w], direction: [randomTensor(setting.input, seed: 10), randomTensor(setting.filter, seed: 11)])
        }

        @Test("the gradient in the filter of the input-gradient's squared norm matches finite differences", arguments: ConvolutionCase.all)
        func secondOrderInFilter(setting: ConvolutionCase) {
            // What the exact margin loss needs: || d/dx f(x; w) ||^2 differentiated in w.
            let x = randomTensor(setting.input, seed: 12)
            let w = randomTensor(setting.filter, seed: 13)
            let b = randomTensor([setting.filter[0]], seed: 14)
            func inputGradientNorm(_ parameters: [Tensor<Double>]) -> Tensor<Double> {
                let leaf = x.requiringGradient()
                let y = conv2D(leaf, filter: parameters[0], bias: parameters[1], stride: setting.stride, padding: setting.padding)
                let g = Tensors.gradients(of: weightedSum(tanh(y)), withRespectTo: [leaf], graph: .recorded)[0]
                return (g * g).sum()
            }
            expectGradientMatchesFiniteDifferences(of: inputGradientNorm, at: [w, b], tolerance: 1e-6)
            // The sum of a linear convolution's outputs has an input gradient that depends on w only.
            expectGradientMatchesFiniteDifferences(
                of: { parameters in
                    let leaf = x.requiringGradient()
                    let y = conv2D(leaf, filter: parameters[0], stride: setting.stride, padding: setting.padding)
                    let g = Tensors.gradients(of: y.sum(), withRespectTo: [leaf], graph: .recorded)[0]
                    return (g * g).sum()
                }, at: [w])
        }

        @Test("third order: the filter gradient's own gradient in the input matches finite differences")
        func filterGradientIsDifferentiable() {
            // d/dw of a function of x, recorded, then differentiated in x: exercises the adjoints' adjoints.
            let x = randomTensor([2, 2, 5, 4], seed: 15)
            let w = randomTensor([3, 2, 3, 3], seed: 16)
            expectGradientMatchesFiniteDifferences(
                of: { inputs in
                    let filter = w.requiringGradient()
                    let y = tanh(conv2D(inputs[0], filter: filter, stride: 2, padding: .same))
                    let gw = Tensors.gradients(of: weightedSum(y), withRespectTo: [filter], graph: .recorded)[0]
                    return weightedSum(gw * gw, seed: 3)
                }, at: [x])
        }

        @Test("a batch convolved in chunks, split across cores, equals its samples convolved one by one, with gradients")
        func chunks() {
            // 16 * 4 * 4 rows by 16 * 16 columns per sample: two samples per chunk. About a million
            // operations per sample: with two BLAS threads, two parts (samples 0..<5 and 5..<11),
            // each ending on a chunk of one.
            let n = 11
            let x = randomTensor([n, 16, 16, 16], seed: 17)
            let w = randomTensor([8, 16, 4, 4], seed: 18)
            let b = randomTensor([8], seed: 19)
            let seed = randomTensor([n, 8, 16, 16], seed: 20)
            let (input, filter, bias) = (x.requiringGradient(), w.requiringGradient(), b.requiringGradient())
            let whole = conv2D(input, filter: filter, bias: bias, padding: .same)
            let wholeGradients = Tensors.gradients(of: whole, withRespectTo: [input, filter, bias], seed: seed)
            var filterGradient = Tensor<Double>(zeros: w.shape), biasGradient = Tensor<Double>(zeros: b.shape)
            for n in 0..<n {
                let (input, filter, bias) = (x[n..<(n + 1)].requiringGradient(), w.requiringGradient(), b.requiringGradient())
                let y = conv2D(input, filter: filter, bias: bias, padding: .same)
                let g = Tensors.gradients(of: y, withRespectTo: [input, filter, bias], seed: seed[n..<(n + 1)])
                expectClose(whole[n..<(n + 1)].withoutDerivative(), y.withoutDerivative(), tolerance: 1e-12)
                expectClose(wholeGradients[0][n..<(n + 1)], g[0], tolerance: 1e-12)
                filterGradient += g[1]
                biasGradient += g[2]
            }
            expectClose(wholeGradients[1], filterGradient, tolerance: 1e-10)
            expectClose(wholeGradients[2], biasGradient, tolerance: 1e-10)
        }

        @Test("shape errors name the operation and the shapes")
        func messages() async {
            let rank = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = conv2D(Tensor<Double>(zeros: [1, 5, 5]), filter: Tensor<Double>(zeros: [2, 1, 3, 3]))
            }
            #expect(standardError(of: rank).contains(
                "conv2D needs an input of rank 4 [batch, channels, height, width], got a tensor of shape [1, 5, 5]"))
            let channels = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = conv2D(Tensor<Double>(zeros: [1, 3, 5, 5]), filter: Tensor<Double>(zeros: [2, 1, 3, 3]))
            }
            #expect(standardError(of: channels).contains(
                "conv2D: the input has 3 channels (shape [1, 3, 5, 5]) but the filter expects 1 (shape [2, 1, 3, 3])"))
            let small = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = conv2D(Tensor<Double>(zeros: [1, 1, 2, 2]), filter: Tensor<Double>(zeros: [2, 1, 3, 3]))
            }
            #expect(standardError(of: small).contains(
                "conv2D with .valid padding needs inputs at least as large as the kernel: input [1, 1, 2, 2], filter [2, 1, 3, 3]"))
            let bias = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = conv2D(Tensor<Double>(zeros: [1, 1, 5, 5]), filter: Tensor<Double>(zeros: [2, 1, 3, 3]), bias: Tensor(zeros: [3]))
            }
            #expect(standardError(of: bias).contains("shape mismatch: [3] vs [2] in conv2D (bias vs output channels)"))
        }
    }
}
