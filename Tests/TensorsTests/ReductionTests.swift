import MarginTestSupport
import Tensors
import Testing

/// A tensor shape and the axes to reduce, printed as "[2, 3, 4] over [0, 2]".
struct ReductionCase: Sendable, CustomTestStringConvertible {
    let shape: [Int]
    let axes: [Int]

    init(_ shape: [Int], _ axes: [Int]) {
        self.shape = shape
        self.axes = axes
    }

    var testDescription: String { "\(shape) over \(axes)" }

    /// Leading, trailing, negative, all, non-contiguous, middle, and size-1 axes.
    static let all: [ReductionCase] = [
        ReductionCase([5], [0]), ReductionCase([3, 4], [0]), ReductionCase([3, 4], [1]),
        ReductionCase([3, 4], [-1]), ReductionCase([3, 4], [0, 1]), ReductionCase([2, 3, 4], [0, 2]),
        ReductionCase([2, 3, 4], [1]), ReductionCase([2, 3, 4], [1, 2]), ReductionCase([2, 3, 4], [0, 1]),
        ReductionCase([3, 1, 4], [1]), ReductionCase([2, 3, 4], [-3, -1]),
    ]
}

enum Reduction: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sum, mean, max, min

    var testDescription: String { rawValue }

    func callAsFunction(_ x: Tensor<Double>, _ axes: [Int], keepingDimensions: Bool) -> Tensor<Double> {
        switch self {
        case .sum: return x.sum(alongAxes: axes, keepingDimensions: keepingDimensions)
        case .mean: return x.mean(alongAxes: axes, keepingDimensions: keepingDimensions)
        case .max: return x.max(alongAxes: axes, keepingDimensions: keepingDimensions)
        case .min: return x.min(alongAxes: axes, keepingDimensions: keepingDimensions)
        }
    }

    /// The reduction computed by grouping every element under its output index (the
    /// independent truth), with the reduced axes kept as size 1 or dropped.
    func expected(_ x: Tensor<Double>, _ axes: [Int], keepingDimensions: Bool) -> Tensor<Double> {
        let reduced = Set(axes.map { $0 < 0 ? $0 + x.rank : $0 })
        let kept = x.shape.enumerated().map { reduced.contains($0.offset) ? 1 : $0.element }
        var groups = [[Double]](repeating: [], count: kept.reduce(1, *))
        for (flat, value) in x.scalars.enumerated() {
            let index = multiIndex(flat, shape: x.shape)
            var target = 0
            for axis in 0..<x.rank { target = target * kept[axis] + (reduced.contains(axis) ? 0 : index[axis]) }
            groups[target].append(value)
        }
        let values = groups.map { group -> Double in
            switch self {
            case .sum: return group.reduce(0, +)
            case .mean: return group.reduce(0, +) / Double(group.count)
            case .max: return group.max()!
            case .min: return group.min()!
            }
        }
        let shape =
            keepingDimensions ? kept : x.shape.enumerated().filter { !reduced.contains($0.offset) }.map(\.element)
        return Tensor(shape: shape, scalars: values)
    }
}

extension TensorsSuite {
    @Suite("Reductions")
    struct ReductionTests {
        @Test(
            "sum, mean, max and min over axes equal the grouped reduction, with and without kept dimensions",
            arguments: Reduction.allCases, ReductionCase.all)
        func values(op: Reduction, reduction: ReductionCase) {
            let x = randomTensor(reduction.shape, seed: 30)
            for keep in [false, true] {
                expectClose(
                    op(x, reduction.axes, keepingDimensions: keep),
                    op.expected(x, reduction.axes, keepingDimensions: keep),
                    tolerance: 1e-14)
            }
        }

        @Test(
            "the gradient of a reduction over axes matches finite differences (no ties)",
            arguments: Reduction.allCases, ReductionCase.all)
        func reductionGradient(op: Reduction, reduction: ReductionCase) {
            let x = distinctTensor(reduction.shape, seed: 31)
            for keep in [false, true] {
                expectGradientMatchesFiniteDifferences(
                    of: { weightedSum(op($0, reduction.axes, keepingDimensions: keep)) }, at: x)
            }
        }

        @Test("reductions over all axes give a scalar", arguments: Reduction.allCases)
        func allAxes(op: Reduction) {
            let x = Tensor<Double>([[1, -2, 3], [4, 5, -6]])
            let whole: Tensor<Double>
            switch op {
            case .sum: whole = x.sum()
            case .mean: whole = x.mean()
            case .max: whole = x.max()
            case .min: whole = x.min()
            }
            #expect(whole.shape == [])
            #expect(whole.scalar == [Reduction.sum: 5, .mean: 5.0 / 6, .max: 5, .min: -6][op])
            expectGradientMatchesFiniteDifferences(
                of: { weightedSum(op($0, [0, 1], keepingDimensions: false)) }, at: x)
        }

        @Test("hand-computed reductions of [[1, 2], [3, 4]]")
        func handValues() {
            let x = Tensor<Double>([[1, 2], [3, 4]])
            #expect(x.sum(alongAxes: [0]) == Tensor([4, 6]))
            #expect(x.sum(alongAxes: [1], keepingDimensions: true) == Tensor([[3], [7]]))
            #expect(x.mean(alongAxes: [0]) == Tensor([2, 3]))
            #expect(x.max(alongAxes: [1]) == Tensor([2, 4]))
            #expect(x.min(alongAxes: [0], keepingDimensions: true) == Tensor([[1, 2]]))
            #expect(x.sum().scalar == 10)
        }

        @Test("a sum over an axis of size 0 is zeros, and a sum over the other axes keeps the empty axis")
        func emptyAxes() {
            let x = Tensor<Double>(zeros: [0, 3])
            #expect(x.sum(alongAxes: [0]) == Tensor(zeros: [3]))
            #expect(x.sum(alongAxes: [1]).shape == [0])
            #expect(x.sum().scalar == 0)
            #expect(Tensor<Double>(zeros: [3, 0]).sum(alongAxes: [1]) == Tensor(zeros: [3]))
            #expect(Tensor<Double>(zeros: [2, 0, 4]).sum(alongAxes: [0, 1], keepingDimensions: true) == Tensor(zeros: [1, 1, 4]))
            #expect(gradient(at: x) { $0.sum() }.shape == [0, 3])
        }

        @Test("the gradient of max is shared equally between tied maxima")
        func maxTiesShareGradient() {
            let g = gradient(at: Tensor<Double>([1, 3, 3, 2])) { $0.max() }
            #expect(g.scalars == [0, 0.5, 0.5, 0])
            let h = gradient(at: Tensor<Double>([[1, 1], [2, 0]])) { ($0.min(alongAxes: [1]) * Tensor([1, 10])).sum() }
            #expect(h.scalars == [0.5, 0.5, 0, 10])
        }

        @Test("argmax picks the first of tied maxima")
        func argmaxTies() {
            #expect(Tensor<Double>([3, 7, 7, 1]).argmax(alongAxis: 0) == [1])
            #expect(Tensor<Double>([[1, 5], [7, 2]]).argmax(alongAxis: 1) == [1, 0])
            #expect(Tensor<Double>([[2, 2], [2, 2]]).argmax(alongAxis: 1) == [0, 0])
            #expect(Tensor<Double>([[1, 9], [4, 9], [4, 0]]).argmax(alongAxis: 0) == [1, 0])
            #expect(Tensor<Double>([[5, 5, 4]]).argmax(alongAxis: -1) == [0])
        }

        @Test("argmax along the middle axis of a rank-3 tensor, in row-major order of the other axes")
        func argmaxMiddleAxis() {
            // shape [2, 3, 2]; for each (i, k) the index j of the largest x[i, j, k].
            let x = Tensor<Double>(shape: [2, 3, 2], scalars: [0, 9, 5, 1, 2, 3, 7, 7, 7, 8, 0, 8])
            #expect(x.argmax(alongAxis: 1) == [1, 0, 0, 1])
        }

        @Test("sums of many long rows, split across cores, equal each row summed alone and the float64 sum")
        func rowSumsSplitAcrossCores() {
            let x = Tensor<Float>(shape: [700, 1_001], scalars: randomTensor([700, 1_001], seed: 40).scalars.map { Float($0) })
            let sums = x.sum(alongAxes: [1]).scalars
            for row in [0, 349, 350, 699] {
                #expect(sums[row] == x[row].sum().scalar)
                let exact = x[row].scalars.reduce(0.0) { $0 + Double($1) }
                #expect(abs(Double(sums[row]) - exact) <= 1e-4)
            }
            let norms = x.norm(.l2, alongAxes: [1]).scalars
            #expect(abs(Double(norms[699]) - x[699].scalars.reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()) <= 1e-4)
        }

        @Test("Hessian-vector products through sum, mean and max match finite differences")
        func hessian() {
            let x = distinctTensor([2, 3, 4], seed: 32)
            let v = randomTensor([2, 3, 4], seed: 33)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { weightedSum(tanh($0.sum(alongAxes: [0, 2]))) }, at: x, direction: v)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { weightedSum(exp($0.mean(alongAxes: [1], keepingDimensions: true)) * $0) }, at: x, direction: v)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { weightedSum(pow($0.max(alongAxes: [2]), 3)) }, at: x, direction: v)
        }
    }
}
