import MarginTestSupport
import Tensors
import Testing

/// Max pooling by its definition, one window at a time, on plain arrays (the independent truth).
func directMaxPool(_ x: Tensor<Double>, window k: Int, stride s: Int) -> Tensor<Double> {
    let (planes, height, width) = (x.shape[0] * x.shape[1], x.shape[2], x.shape[3])
    let (oh, ow) = ((height - k) / s + 1, (width - k) / s + 1)
    let xs = x.scalars
    var out: [Double] = []
    for p in 0..<planes {
        for i in 0..<oh {
            for j in 0..<ow {
                var best = -Double.infinity
                for u in 0..<k { for v in 0..<k { best = max(best, xs[(p * height + i * s + u) * width + j * s + v]) } }
                out.append(best)
            }
        }
    }
    return Tensor(shape: [x.shape[0], x.shape[1], oh, ow], scalars: out)
}

extension TensorsSuite {
    @Suite("Max pooling: a gather of the winners, differentiable to every order")
    struct PoolingTests {
        @Test("hand-computed 2x2 pooling; the gradient goes to each window's winner")
        func handValues() {
            let x = Tensor<Double>(shape: [1, 1, 2, 4], scalars: [1, 5, 2, 0, 3, 4, 8, 6]).requiringGradient()
            let y = maxPool2D(x)
            #expect(y == Tensor(shape: [1, 1, 1, 2], scalars: [5, 8]))
            let g = Tensors.gradients(of: y, withRespectTo: [x], seed: Tensor(shape: [1, 1, 1, 2], scalars: [2, -3]))[0]
            #expect(g.scalars == [0, 2, 0, 0, 0, 0, -3, 0])
        }

        @Test("a NaN wins its window (the first NaN in row-major order), in the forward pass and in the batched gradient")
        func nan() {
            // Windows (1, nan | 3, 2), (nan, 5 | nan, 9) and a tie (4, 4 | 4, 4).
            let x = Tensor<Double>(shape: [1, 1, 2, 6], scalars: [1, .nan, .nan, 5, 4, 4, 3, 2, .nan, 9, 4, 4])
            let y = maxPool2D(x.requiringGradient())
            #expect(y.scalars[0].isNaN && y.scalars[1].isNaN && y.scalars[2] == 4)
            let seed = Tensor<Double>(shape: [1, 1, 1, 3], scalars: [1, 2, 3])
            let expected: [Double] = [0, 1, 2, 0, 3, 0, 0, 0, 0, 0, 0, 0]
            let input = x.requiringGradient()
            #expect(Tensors.gradients(of: maxPool2D(input), withRespectTo: [input], seed: seed)[0].scalars == expected)
            #expect(maxPool2DInputGradient(of: seed, input: x).scalars == expected)
        }

        @Test("ties go to the first element in row-major order")
        func ties() {
            let x = Tensor<Double>(shape: [1, 1, 2, 2], scalars: [7, 7, 7, 7]).requiringGradient()
            #expect(Tensors.gradients(of: maxPool2D(x).sum(), withRespectTo: [x])[0].scalars == [1, 0, 0, 0])
        }

        @Test("2x2 windows route the gradient to their first maximum, with many ties, odd sizes, a NaN and an infinity")
        func tiesEverywhere() {
            // Values from {0, 1, 2}: most windows hold ties. Plane 3 holds a NaN (which wins its
            // window) and plane 1 an infinity; the finite planes take the vectorised loop.
            var generator = SeededGenerator(seed: 22)
            var scalars = (0..<(2 * 2 * 7 * 6)).map { _ in Double(generator.nextInt(below: 3)) }
            scalars[3 * 42 + 8] = .nan
            scalars[1 * 42 + 20] = .infinity
            let x = Tensor<Double>(shape: [2, 2, 7, 6], scalars: scalars)
            let seed = randomTensor([2, 2, 3, 3], seed: 23)
            // The truth: each window's first maximum in row-major order (a NaN beats any number).
            var expected = [Double](repeating: 0, count: scalars.count)
            for plane in 0..<4 {
                for i in 0..<3 {
                    for j in 0..<3 {
                        var best = plane * 42 + 2 * i * 6 + 2 * j
                        for (u, v) in [(0, 1), (1, 0), (1, 1)] {
                            let candidate = plane * 42 + (2 * i + u) * 6 + 2 * j + v
                            if scalars[candidate] > scalars[best] || (scalars[candidate].isNaN && !scalars[best].isNaN) { best = candidate }
                        }
                        expected[best] += seed.scalars[(plane * 3 + i) * 3 + j]
                    }
                }
            }
            let input = x.requiringGradient()
            #expect(Tensors.gradients(of: maxPool2D(input), withRespectTo: [input], seed: seed)[0].scalars == expected)
        }

        @Test("pooling equals the window-by-window maximum", arguments: [(2, 2), (3, 2), (2, 1), (3, 3)])
        func matchesDirectLoop(window: Int, stride: Int) {
            let x = randomTensor([2, 3, 7, 6], seed: 20)
            expectClose(maxPool2D(x, window: window, stride: stride), directMaxPool(x, window: window, stride: stride), tolerance: 0)
        }

        @Test("the gradient matches finite differences, overlapping windows included", arguments: [(2, 2), (3, 1)])
        func gradient(window: Int, stride: Int) {
            let x = distinctTensor([2, 2, 6, 5], seed: 21)
            expectGradientMatchesFiniteDifferences(of: { weightedSum(maxPool2D($0, window: window, stride: stride)) }, at: x)
        }

        @Test("second order through pooling: a convolution's input-gradient norm differentiated in the filter")
        func secondOrder() {
            let x = distinctTensor([2, 2, 6, 6], seed: 22)
            let w = randomTensor([3, 2, 3, 3], seed: 23)
            expectGradientMatchesFiniteDifferences(
                of: { parameters in
                    let leaf = x.requiringGradient()
                    let pooled = maxPool2D(tanh(conv2D(leaf, filter: parameters[0], padding: .same)))
                    let g = Tensors.gradients(of: weightedSum(pooled * pooled), withRespectTo: [leaf], graph: .recorded)[0]
                    return (g * g).sum()
                }, at: [w])
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { let m = maxPool2D($0[0]); return weightedSum(m * m * m) }, at: [x], direction: [randomTensor(x.shape, seed: 24)])
        }

        @Test("bad shapes and windows stop with a sentence")
        func messages() async {
            let rank = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = maxPool2D(Tensor<Double>(zeros: [4, 4]))
            }
            #expect(standardError(of: rank).contains(
                "maxPool2D needs a rank-4 tensor [batch, channels, height, width], got a tensor of shape [4, 4]"))
            let large = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = maxPool2D(Tensor<Double>(zeros: [1, 1, 2, 5]), window: 3)
            }
            #expect(standardError(of: large).contains("maxPool2D: a 3 x 3 window does not fit in an input of shape [1, 1, 2, 5]"))
        }
    }
}
