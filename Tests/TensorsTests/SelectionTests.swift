import MarginTestSupport
import Tensors
import Testing

extension TensorsSuite {
    @Suite("Clamping, selection and one-hot")
    struct SelectionTests {
        @Test("clamped limits every element to the range")
        func clampedValues() {
            let x = Tensor<Double>([-2, -0.5, 0, 0.7, 3])
            #expect(x.clamped(to: -1...1).scalars == [-1, -0.5, 0, 0.7, 1])
            #expect(Tensor<Float>([5]).clamped(to: 0...0).scalars == [0])
        }

        @Test(
            "the gradient of clamped matches finite differences: 1 inside the range, 0 outside",
            arguments: [[7], [3, 4], [2, 3, 4]])
        func clampedGradient(shape: [Int]) {
            let x = distinctTensor(shape, seed: 130)
            expectGradientMatchesFiniteDifferences(of: { weightedSum($0.clamped(to: -0.5...0.5)) }, at: x)
            let g = gradient(at: x) { $0.clamped(to: -0.5...0.5).sum() }
            #expect(g.scalars == x.scalars.map { abs($0) < 0.5 ? 1 : 0 })
        }

        @Test("select takes a where the condition is 1 and b where it is 0, with broadcasting")
        func selectValues() {
            let condition = Tensor<Double>([1, 0, 1])
            let a = Tensor<Double>([[1, 2, 3], [4, 5, 6]])
            let b = Tensor<Double>(-1)
            #expect(select(condition, a, b) == Tensor([[1, -1, 3], [4, -1, 6]]))
            #expect(select(a .> 3, a, Tensor(0)) == Tensor([[0, 0, 0], [4, 5, 6]]))
        }

        @Test(
            "the gradient of select matches finite differences in both branches", arguments: ShapePair.broadcastingCases
        )
        func selectGradient(pair: ShapePair) {
            let a = randomTensor(pair.lhs, seed: 131)
            let b = randomTensor(pair.rhs, seed: 132)
            let shape = broadcastShape(pair.lhs, pair.rhs)
            let condition = randomTensor(shape, seed: 133) .> 0
            expectGradientMatchesFiniteDifferences(of: { weightedSum(select(condition, $0[0], $0[1])) }, at: [a, b])
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { weightedSum(exp(select(condition, $0[0], $0[1]))) }, at: [a, b],
                direction: [randomTensor(pair.lhs, seed: 134), randomTensor(pair.rhs, seed: 135)])
        }

        @Test("oneHot puts a 1 at each row's label")
        func oneHot() {
            #expect(Tensor<Float>(oneHot: [1, 0], classCount: 3) == Tensor([[0, 1, 0], [1, 0, 0]]))
            #expect(Tensor<Double>(oneHot: [], classCount: 2).shape == [0, 2])
            #expect(!Tensor<Double>(oneHot: [0], classCount: 1).requiresGradient)
        }
    }
}
