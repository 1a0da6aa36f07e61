import Foundation
import MarginTestSupport
import Tensors
import Testing

extension Norm: CustomTestStringConvertible {
    public var testDescription: String { description }
}

/// The norm of a plain array (the independent truth).
func naiveNorm(_ values: [Double], _ norm: Norm) -> Double {
    switch norm {
    case .l1: return values.map { Swift.abs($0) }.reduce(0, +)
    case .l2: return values.map { $0 * $0 }.reduce(0, +).squareRoot()
    case .lInfinity: return values.map { Swift.abs($0) }.max() ?? 0
    case .lp(let p): return Foundation.pow(values.map { Foundation.pow(Swift.abs($0), p) }.reduce(0, +), 1 / p)
    }
}

/// The network of the large-margin loss in miniature: x W1 -> tanh -> W2, two outputs.
func twoLayer(_ x: Tensor<Double>, _ w1: Tensor<Double>, _ w2: Tensor<Double>) -> Tensor<Double> {
    matmul(tanh(matmul(x, w1)), w2)
}

/// The `norm` of the gradient, with respect to the inputs `x`, of the difference of the
/// network's two outputs (summed over the batch): the denominator of the linearised
/// distance to the decision boundary. Differentiating it differentiates a gradient.
func gradientNorm(_ norm: Norm, x: Tensor<Double>, w1: Tensor<Double>, w2: Tensor<Double>) -> Tensor<Double> {
    inputGradient(x: x, w1: w1, w2: w2).norm(norm, alongAxes: [1]).sum()
}

/// The recorded gradient, with respect to `x`, of the difference of the two outputs.
func inputGradient(x: Tensor<Double>, w1: Tensor<Double>, w2: Tensor<Double>) -> Tensor<Double> {
    let input = x.requiringGradient()
    let out = twoLayer(input, w1, w2)
    let difference = out.slicing(axis: 1, range: 0..<1) - out.slicing(axis: 1, range: 1..<2)
    return gradients(of: difference.sum(), withRespectTo: [input], graph: .recorded)[0]
}

extension TensorsSuite {
    @Suite("Norms")
    struct NormTests {
        static let norms: [Norm] = [.l1, .l2, .lInfinity, .lp(3), .lp(1.5)]

        @Test("hand-computed norms of [3, -4]")
        func handValues() {
            let x = Tensor<Double>([3, -4])
            #expect(x.norm(.l1).scalar == 7)
            #expect(x.norm(.l2).scalar == 5)
            #expect(x.norm(.lInfinity).scalar == 4)
            expectClose(x.norm(.lp(3)).scalar, Foundation.pow(91, 1.0 / 3), tolerance: 1e-15)
            #expect(x.norm(.lp(1)).scalar == 7)
            #expect(x.norm(.lp(2)).scalar == 5)
            #expect(Tensor<Float>([3, -4]).norm(.l2).scalar == 5)
        }

        @Test("norms along axes equal the norm of each slice", arguments: norms)
        func alongAxes(norm: Norm) {
            let x = randomTensor([3, 4], seed: 100)
            let rows = x.norm(norm, alongAxes: [1])
            #expect(rows.shape == [3])
            let expected = (0..<3).map { i in naiveNorm(Array(x.scalars[(4 * i)..<(4 * i + 4)]), norm) }
            expectClose(rows, expected, tolerance: 1e-14)
            #expect(x.norm(norm, alongAxes: [1], keepingDimensions: true).shape == [3, 1])
            expectClose(x.norm(norm).scalar, naiveNorm(x.scalars, norm), tolerance: 1e-14)
            // Outer and inner axes at once; and the recorded form (built from primitives, for
            // gradients) agrees with the one-pass form used when nothing is recorded.
            let cube = randomTensor([2, 3, 4], seed: 102)
            let expectedColumns = (0..<3).map { j in
                naiveNorm((0..<2).flatMap { i in (0..<4).map { k in cube.scalars[i * 12 + j * 4 + k] } }, norm)
            }
            expectClose(cube.norm(norm, alongAxes: [0, 2]), expectedColumns, tolerance: 1e-14)
            expectClose(cube.requiringGradient().norm(norm, alongAxes: [0, 2]).withoutDerivative(), expectedColumns, tolerance: 1e-14)
        }

        @Test("stacked row norms equal each tensor's row norms, recorded or not", arguments: norms)
        func stackedRowNorms(norm: Norm) {
            let tensors = [randomTensor([3], seed: 103), randomTensor([3, 4], seed: 104), randomTensor([3, 2, 2, 3], seed: 105)]
            let expected = tensors.map { t in
                (0..<3).map { r in naiveNorm(Array(t.scalars[(r * t.count / 3)..<((r + 1) * t.count / 3)]), norm) }
            }
            let stacked = Tensor(stackingRowNormsOf: tensors, norm)
            #expect(stacked.shape == [3, 3])
            expectClose(stacked, expected.flatMap { $0 }, tolerance: 1e-14)
            let recorded = Tensor(stackingRowNormsOf: tensors.map { $0.requiringGradient() }, norm)
            #expect(recorded.requiresGradient)
            expectClose(recorded.withoutDerivative(), expected.flatMap { $0 }, tolerance: 1e-14)
        }

        @Test("the gradient of a norm matches finite differences away from kinks", arguments: norms)
        func normGradient(norm: Norm) {
            let x = distinctTensor([2, 3, 4], seed: 101)
            expectGradientMatchesFiniteDifferences(of: { $0.norm(norm) }, at: x)
            expectGradientMatchesFiniteDifferences(of: { weightedSum($0.norm(norm, alongAxes: [0, 2])) }, at: x)
            expectGradientMatchesFiniteDifferences(
                of: { weightedSum($0.norm(norm, alongAxes: [1], keepingDimensions: true)) }, at: x)
        }

        @Test("the gradient of the l2 and l_p norms at the zero vector is 0, not NaN", arguments: norms)
        func gradientAtZero(norm: Norm) {
            let zero = Tensor<Double>(zeros: [3])
            let (value, g) = valueWithGradient(at: zero) { $0.norm(norm) }
            #expect(value.scalar == 0)
            #expect(g.scalars == [0, 0, 0])
            // A zero row beside a non-zero one: only the non-zero row gets a gradient.
            let x = Tensor<Double>([[0, 0], [3, -4]])
            let rows = gradient(at: x) { $0.norm(norm, alongAxes: [1]).sum() }
            #expect(rows.isFinite)
            #expect(rows[0].scalars == [0, 0])
        }

        @Test("the l2 gradient of [3, -4] is x / |x|")
        func l2Gradient() {
            expectClose(gradient(at: Tensor<Double>([3, -4])) { $0.norm(.l2) }, [0.6, -0.8], tolerance: 1e-15)
            #expect(gradient(at: Tensor<Double>([3, -4])) { $0.norm(.lInfinity) }.scalars == [0, -1])
        }

        @Test("each norm's dual is l1 <-> l_inf, l2 <-> l2, l_p <-> l_(p/(p-1))")
        func duals() {
            #expect(Norm.l1.dual == .lInfinity)
            #expect(Norm.lInfinity.dual == .l1)
            #expect(Norm.l2.dual == .l2)
            #expect(Norm.lp(3).dual == .lp(1.5))
            #expect(Norm.lp(1).dual == .lInfinity)
            #expect(Norm.lp(2).dual == .l2)
            #expect(Norm.lInfinity.p == .infinity)
            #expect([Norm.l1, .l2, .lInfinity, .lp(3)].map(\.description) == ["l1", "l2", "l_inf", "l_3.0"])
        }

        @Test("Hessian-vector products of the l2 and l_p norms match finite differences")
        func hessian() {
            let x = distinctTensor([3, 4], seed: 102)
            let v = randomTensor([3, 4], seed: 103)
            for norm in [Norm.l2, .lp(3)] {
                expectHessianVectorProductMatchesFiniteDifferences(of: { $0.norm(norm) }, at: x, direction: v)
                expectHessianVectorProductMatchesFiniteDifferences(
                    of: { weightedSum($0.norm(norm, alongAxes: [0])) }, at: x, direction: v)
            }
            // l1 and l_inf are piecewise linear: their curvature shows only through a smooth outer function.
            for norm in [Norm.l1, .lInfinity] {
                expectHessianVectorProductMatchesFiniteDifferences(
                    of: { exp($0.norm(norm, alongAxes: [1]) / 4).sum() }, at: x, direction: v)
            }
        }

        @Test(
            "the gradient of the l2 and l1 norms of a gradient (differentiating a gradient) matches finite differences",
            arguments: [Norm.l2, .l1, .lInfinity])
        func normOfGradient(norm: Norm) {
            let x = randomTensor([3, 2], seed: 104)
            let w1 = randomTensor([2, 4], seed: 105, in: -1.5..<1.5)
            let w2 = randomTensor([4, 2], seed: 106, in: -1.5..<1.5)
            // The input gradient's entries must stay away from l1's and l_inf's kinks.
            let g = inputGradient(x: x, w1: w1, w2: w2)
            #expect(g.scalars.allSatisfy { Swift.abs($0) > 1e-3 })
            let magnitudes = g.scalars.map { Swift.abs($0) }
            #expect((0..<3).allSatisfy { Swift.abs(magnitudes[2 * $0] - magnitudes[2 * $0 + 1]) > 1e-3 })
            expectGradientMatchesFiniteDifferences(
                of: { gradientNorm(norm, x: x, w1: $0[0], w2: $0[1]) }, at: [w1, w2])
        }

        @Test(
            "Hessian-vector products of the l2 and l1 norms of a gradient match finite differences",
            arguments: [Norm.l2, .l1])
        func hessianOfNormOfGradient(norm: Norm) {
            let x = randomTensor([3, 2], seed: 107)
            let w1 = randomTensor([2, 4], seed: 108, in: -1.5..<1.5)
            let w2 = randomTensor([4, 2], seed: 109, in: -1.5..<1.5)
            let direction = [randomTensor([2, 4], seed: 110), randomTensor([4, 2], seed: 111)]
            #expect(inputGradient(x: x, w1: w1, w2: w2).scalars.allSatisfy { Swift.abs($0) > 1e-3 })
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { gradientNorm(norm, x: x, w1: $0[0], w2: $0[1]) }, at: [w1, w2], direction: direction)
        }
    }
}
