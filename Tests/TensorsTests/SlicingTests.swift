import MarginTestSupport
import Tensors
import Testing

extension TensorsSuite {
    @Suite("Slicing, padding, gather, scatter and concatenation")
    struct SlicingTests {
        /// (axis, range) slices of a [3, 4, 5] tensor, including negative axes and empty ranges.
        static let slices: [(axis: Int, range: Range<Int>)] = [
            (0, 1..<3), (1, 0..<2), (2, 2..<5), (-1, 1..<4), (1, 4..<4), (0, 0..<3),
        ]

        @Test("slicing keeps the elements whose index along the axis lies in the range", arguments: slices)
        func sliceValues(axis: Int, range: Range<Int>) {
            let x = randomTensor([3, 4, 5], seed: 50)
            let a = axis < 0 ? axis + 3 : axis
            let y = x.slicing(axis: axis, range: range)
            var shape = x.shape
            shape[a] = range.count
            #expect(y.shape == shape)
            for flat in 0..<y.count {
                var index = multiIndex(flat, shape: shape)
                index[a] += range.lowerBound
                #expect(y.scalars[flat] == x.scalars[index.indices.reduce(0) { $0 * x.shape[$1] + index[$1] }])
            }
        }

        @Test("the gradient of slicing matches finite differences", arguments: slices)
        func sliceGradient(axis: Int, range: Range<Int>) {
            let x = randomTensor([3, 4, 5], seed: 51)
            expectGradientMatchesFiniteDifferences(of: { weightedSum($0.slicing(axis: axis, range: range)) }, at: x)
        }

        @Test(
            "padding adds zeros before and after along the axis, and its gradient matches finite differences",
            arguments: [(0, 1, 2), (1, 0, 3), (2, 2, 0), (-1, 1, 1)])
        func padding(axis: Int, before: Int, after: Int) {
            let x = randomTensor([2, 3, 2], seed: 52)
            let y = x.padding(axis: axis, before: before, after: after)
            let a = axis < 0 ? axis + 3 : axis
            #expect(y.slicing(axis: a, range: before..<(before + x.shape[a])) == x)
            // The rest is zeros: the same sum (up to rounding, the terms sit in other places).
            #expect(abs(y.sum().scalar - x.sum().scalar) <= 1e-12)
            #expect(y.shape[a] == x.shape[a] + before + after)
            expectGradientMatchesFiniteDifferences(
                of: { weightedSum($0.padding(axis: axis, before: before, after: after)) }, at: x)
        }

        @Test("hand-computed slice and padding")
        func handSliceAndPadding() {
            let x = Tensor<Double>([[1, 2, 3], [4, 5, 6]])
            #expect(x.slicing(axis: 1, range: 1..<3) == Tensor([[2, 3], [5, 6]]))
            #expect(x.padding(axis: 0, before: 1, after: 0) == Tensor([[0, 0, 0], [1, 2, 3], [4, 5, 6]]))
            #expect(Tensor<Double>([1, 2]).padding(axis: 0, before: 2, after: 1) == Tensor([0, 0, 1, 2, 0]))
        }

        @Test("subscripts take rows by range and one sub-tensor by index")
        func subscripts() {
            let x = Tensor<Double>([[1, 2], [3, 4], [5, 6]])
            #expect(x[1..<3] == Tensor([[3, 4], [5, 6]]))
            #expect(x[2] == Tensor([5, 6]))
            #expect(x[0][1].shape == [])
            #expect(x[0][1].scalar == 2)
            let y = randomTensor([3, 2, 2], seed: 53)
            expectGradientMatchesFiniteDifferences(of: { weightedSum($0[1]) + weightedSum($0[0..<2]) }, at: y)
            expectGradientMatchesFiniteDifferences(of: { $0[2][1][0] * $0[0][0][1] }, at: y)
        }

        @Test(
            "gathering picks sub-tensors in the order given, repeats included",
            arguments: [(0, [2, 0, 2, 3]), (1, [1, 1, 0]), (-1, [0, 2, 2, 2, 1])])
        func gather(axis: Int, indices: [Int]) {
            let x = randomTensor([4, 3, 3], seed: 54)
            let a = axis < 0 ? axis + 3 : axis
            let y = x.gathering(atIndices: indices, alongAxis: axis)
            for (k, index) in indices.enumerated() {
                #expect(y.slicing(axis: a, range: k..<(k + 1)) == x.slicing(axis: a, range: index..<(index + 1)))
            }
            expectGradientMatchesFiniteDifferences(
                of: { weightedSum($0.gathering(atIndices: indices, alongAxis: axis)) }, at: x)
        }

        @Test("hand-computed gather and scatter-add, with repeated indices accumulating")
        func handGatherScatter() {
            let x = Tensor<Double>([[1, 2], [3, 4], [5, 6]])
            #expect(x.gathering(atIndices: [2, 0]) == Tensor([[5, 6], [1, 2]]))
            #expect(x.gathering(atIndices: [1, 1], alongAxis: 1) == Tensor([[2, 2], [4, 4], [6, 6]]))
            #expect(
                x.scatteringAdd(atIndices: [1, 0, 1], alongAxis: 0, size: 3) == Tensor([[3, 4], [6, 8], [0, 0]]))
            // A repeated gather index gets the sum of the gradients of its copies.
            let g = gradient(at: Tensor<Double>([10, 20, 30])) {
                ($0.gathering(atIndices: [2, 0, 2]) * Tensor([1, 2, 3])).sum()
            }
            #expect(g.scalars == [2, 0, 4])
        }

        @Test(
            "the gradient of scatteringAdd matches finite differences",
            arguments: [(0, [1, 1, 0], 2), (1, [3, 0, 3, 3], 5), (2, [0, 0], 1)])
        func scatterGradient(axis: Int, indices: [Int], size: Int) {
            var shape = [3, 4, 2]
            shape[axis] = indices.count
            let x = randomTensor(shape, seed: 55)
            let y = x.scatteringAdd(atIndices: indices, alongAxis: axis, size: size)
            #expect(y.shape[axis] == size)
            expectClose(y.sum(), x.sum(), tolerance: 1e-14)
            expectGradientMatchesFiniteDifferences(
                of: { weightedSum($0.scatteringAdd(atIndices: indices, alongAxis: axis, size: size)) }, at: x)
        }

        @Test(
            "concatenating joins along an axis, and each part's gradient matches finite differences",
            arguments: [0, 1, -1])
        func concatenate(axis: Int) {
            let sizes = [1, 3, 2]
            let parts = sizes.enumerated().map { i, size -> Tensor<Double> in
                var shape = [2, 2]
                shape[axis < 0 ? 1 : axis] = size
                return randomTensor(shape, seed: 56 + UInt64(i))
            }
            let joined = Tensor(concatenating: parts, alongAxis: axis)
            let a = axis < 0 ? 1 : axis
            #expect(joined.shape[a] == 6)
            #expect(joined.slicing(axis: a, range: 1..<4) == parts[1])
            expectGradientMatchesFiniteDifferences(
                of: { weightedSum(Tensor(concatenating: $0, alongAxis: axis)) }, at: parts)
        }

        @Test("concatenating a constant with a differentiable tensor gives the constant no gradient")
        func concatenateWithConstant() {
            let x = randomTensor([2, 3], seed: 59)
            expectGradientMatchesFiniteDifferences(
                of: { weightedSum(Tensor(concatenating: [Tensor(ones: [1, 3]), $0, Tensor(zeros: [2, 3])])) }, at: x)
            #expect(Tensor<Double>(concatenating: [Tensor([1, 2]), Tensor([3])]) == Tensor([1, 2, 3]))
        }

        @Test(
            "stacking adds a new axis, and each part's gradient matches finite differences", arguments: [0, 1, 2, -1])
        func stack(axis: Int) {
            let parts = (0..<3).map { randomTensor([2, 4], seed: 60 + UInt64($0)) }
            let stacked = Tensor(stacking: parts, alongAxis: axis)
            let a = axis < 0 ? axis + 3 : axis
            var shape = [2, 4]
            shape.insert(3, at: a)
            #expect(stacked.shape == shape)
            #expect(stacked.slicing(axis: a, range: 2..<3).reshaped(to: [2, 4]) == parts[2])
            expectGradientMatchesFiniteDifferences(
                of: { weightedSum(Tensor(stacking: $0, alongAxis: axis)) }, at: parts)
        }

        @Test("hand-computed stack")
        func handStack() {
            let s = Tensor<Double>(stacking: [Tensor([1, 2]), Tensor([3, 4])], alongAxis: 1)
            #expect(s == Tensor([[1, 3], [2, 4]]))
        }

        @Test("Hessian-vector products through slicing, gathering and concatenation match finite differences")
        func hessian() {
            let x = randomTensor([4, 3], seed: 63)
            let v = randomTensor([4, 3], seed: 64)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { x in
                    let parts = Tensor(concatenating: [
                        x.slicing(axis: 0, range: 1..<3), x.gathering(atIndices: [3, 3, 0]),
                    ])
                    return weightedSum(tanh(parts.padding(axis: 1, before: 1, after: 0)) * parts.sum())
                }, at: x, direction: v)
        }
    }
}
