import MarginTestSupport
import Tensors
import Testing

/// A shape change: a source shape and a target (reshape, broadcast, or sum-to-shape target).
struct ShapeChange: Sendable, CustomTestStringConvertible {
    let from: [Int]
    let to: [Int]

    init(_ from: [Int], _ to: [Int]) {
        self.from = from
        self.to = to
    }

    var testDescription: String { "\(from) to \(to)" }
}

extension TensorsSuite {
    @Suite("Reshape, broadcast and transpose")
    struct ShapeTests {
        static let reshapes = [
            ShapeChange([2, 6], [3, 4]), ShapeChange([2, 3, 4], [6, -1]), ShapeChange([5], [1, 5, 1]),
            ShapeChange([1], []), ShapeChange([], [1, 1]),
        ]
        static let broadcasts = [
            ShapeChange([4], [3, 4]), ShapeChange([3, 1], [3, 4]), ShapeChange([], [2, 3]), ShapeChange([1], [2, 3]),
            ShapeChange([3, 1], [2, 3, 4]), ShapeChange([1, 4], [1, 4]),
            // Each kind of block repetition (elements in place, the whole tensor) and a mix of both.
            ShapeChange([2, 1, 1], [2, 3, 4]), ShapeChange([1, 3, 4], [2, 3, 4]), ShapeChange([1, 2, 1], [1, 2, 5]),
            ShapeChange([2, 1, 4], [2, 3, 4]), ShapeChange([1, 3, 1], [2, 3, 4]),
        ]
        static let transposes: [[Int]] = [[1, 0], [2, 0, 1], [1, 2, 0], [0, 2, 1], [2, 1, 0], [0, 1, 2]]

        @Test("reshaped keeps the row-major scalars and infers a -1 size", arguments: reshapes)
        func reshape(change: ShapeChange) {
            let x = randomTensor(change.from, seed: 40)
            let y = x.reshaped(to: change.to)
            #expect(y.scalars == x.scalars)
            #expect(y.shape.reduce(1, *) == x.count)
            if !change.to.contains(-1) { #expect(y.shape == change.to) }
            expectGradientMatchesFiniteDifferences(of: { weightedSum($0.reshaped(to: change.to)) }, at: x)
        }

        @Test("reshaped infers [2, 3, 4] to [6, -1] as [6, 4]")
        func inferredSize() {
            #expect(Tensor<Double>(zeros: [2, 3, 4]).reshaped(to: [6, -1]).shape == [6, 4])
            #expect(Tensor<Double>(zeros: [2, 6]).reshaped(to: [-1]).shape == [12])
        }

        @Test("broadcast(to:) repeats along size-1 and missing leading axes", arguments: broadcasts)
        func broadcastValues(change: ShapeChange) {
            let x = randomTensor(change.from, seed: 41)
            let y = x.broadcast(to: change.to)
            #expect(y.shape == change.to)
            let expected = (0..<y.count).map { broadcastScalar(x, at: multiIndex($0, shape: change.to)) }
            #expect(y.scalars == expected)
        }

        @Test("the gradient of broadcast(to:) matches finite differences", arguments: broadcasts)
        func broadcastGradient(change: ShapeChange) {
            let x = randomTensor(change.from, seed: 42)
            expectGradientMatchesFiniteDifferences(of: { weightedSum($0.broadcast(to: change.to)) }, at: x)
        }

        @Test(
            "sum(toShape:) undoes a broadcast by summing, and its gradient matches finite differences",
            arguments: broadcasts)
        func sumToShape(change: ShapeChange) {
            let y = randomTensor(change.to, seed: 43)
            let summed = y.sum(toShape: change.from)
            #expect(summed.shape == change.from)
            // Every element of y lands in the element of the source it was broadcast from.
            var expected = [Double](repeating: 0, count: change.from.reduce(1, *))
            let offset = change.to.count - change.from.count
            for (flat, value) in y.scalars.enumerated() {
                let index = multiIndex(flat, shape: change.to)
                var target = 0
                for axis in change.from.indices {
                    target = target * change.from[axis] + (change.from[axis] == 1 ? 0 : index[offset + axis])
                }
                expected[target] += value
            }
            expectClose(summed, expected, tolerance: 1e-14)
            expectGradientMatchesFiniteDifferences(of: { weightedSum($0.sum(toShape: change.from)) }, at: y)
        }

        @Test("transposed(permutation:) moves axis permutation[i] to axis i", arguments: transposes)
        func transposeValues(permutation: [Int]) {
            let shape = [2, 3, 4].prefix(permutation.count).map { $0 }
            let x = randomTensor(shape, seed: 44)
            let y = x.transposed(permutation: permutation)
            #expect(y.shape == permutation.map { shape[$0] })
            for flat in 0..<y.count {
                let index = multiIndex(flat, shape: y.shape)
                var source = [Int](repeating: 0, count: shape.count)
                for (i, p) in permutation.enumerated() { source[p] = index[i] }
                let sourceFlat = source.indices.reduce(0) { $0 * shape[$1] + source[$1] }
                #expect(y.scalars[flat] == x.scalars[sourceFlat])
            }
        }

        @Test(
            "the gradient of transposed matches finite differences for 2-D and 3-D permutations",
            arguments: transposes)
        func transposeGradient(permutation: [Int]) {
            let shape = [2, 3, 4].prefix(permutation.count).map { $0 }
            let x = randomTensor(shape, seed: 45)
            expectGradientMatchesFiniteDifferences(of: { weightedSum($0.transposed(permutation: permutation)) }, at: x)
        }

        @Test("transposed() swaps the last two axes")
        func matrixTranspose() {
            let x = Tensor<Double>([[1, 2, 3], [4, 5, 6]])
            #expect(x.transposed() == Tensor([[1, 4], [2, 5], [3, 6]]))
            let y = randomTensor([2, 3, 4], seed: 46)
            #expect(y.transposed() == y.transposed(permutation: [0, 2, 1]))
            #expect(Tensor<Double>([1, 2]).transposed() == Tensor([1, 2]))
            expectGradientMatchesFiniteDifferences(of: { weightedSum($0.transposed()) }, at: y)
        }

        @Test("Hessian-vector products through reshape, broadcast and transpose match finite differences")
        func hessian() {
            let x = randomTensor([3, 1], seed: 47)
            let v = randomTensor([3, 1], seed: 48)
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { x in
                    let b = x.broadcast(to: [2, 3, 4]).transposed(permutation: [2, 0, 1]).reshaped(to: [8, 3])
                    return weightedSum(tanh(b) * b)
                }, at: x, direction: v)
        }
    }
}
