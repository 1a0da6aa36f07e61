import MarginTestSupport
import Tensors
import Testing

extension TensorsSuite {
    @Suite("Shape errors: messages and crashes")
    struct ShapeErrorTests {
        @Test("every error case reads as a sentence a user can act on")
        func descriptions() {
            #expect(
                ShapeError.mismatch(operation: "matmul", lhs: [3, 4], rhs: [4, 5]).description
                    == "shape mismatch: [3, 4] vs [4, 5] in matmul")
            #expect(
                ShapeError.mismatch(operation: "+", lhs: [3], rhs: [4]).description == "shape mismatch: [3] vs [4] in +"
            )
            #expect(
                ShapeError.scalarCount(expected: 6, got: 5, shape: [2, 3]).description
                    == "shape [2, 3] needs 6 scalars, got 5")
            #expect(
                ShapeError.axisOutOfRange(axis: 2, rank: 2, operation: "sum").description
                    == "axis 2 is out of range for a tensor of rank 2 in sum")
            #expect(
                ShapeError.rank(operation: "conv2d", expected: "a rank-4 tensor", got: [3, 4]).description
                    == "conv2d needs a rank-4 tensor, got a tensor of shape [3, 4]")
            #expect(
                ShapeError.invalid("a Bernoulli probability must be in [0, 1], got 2.0").description
                    == "a Bernoulli probability must be in [0, 1], got 2.0")
        }

        @Test("errors compare by case and payload")
        func equality() {
            #expect(
                ShapeError.mismatch(operation: "+", lhs: [3], rhs: [4]) == .mismatch(operation: "+", lhs: [3], rhs: [4])
            )
            #expect(
                ShapeError.mismatch(operation: "+", lhs: [3], rhs: [4]) != .mismatch(operation: "-", lhs: [3], rhs: [4])
            )
        }

        @Test("matmul of [3, 4] by [5, 6] stops with the mismatch text")
        func matmulCrashes() async {
            let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = matmul(Tensor<Double>(zeros: [3, 4]), Tensor<Double>(zeros: [5, 6]))
            }
            #expect(standardError(of: result).contains("shape mismatch: [3, 4] vs [5, 6] in matmul"))
        }

        @Test("matmul with a transpose flag reports the shapes as transposed")
        func transposedMatmulCrashes() async {
            let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = matmul(Tensor<Double>(zeros: [3, 4]), Tensor<Double>(zeros: [4, 5]), transposeA: true)
            }
            #expect(standardError(of: result).contains("shape mismatch: [4, 3] vs [4, 5] in matmul"))
        }

        @Test("adding [3] to [4] stops with the mismatch text")
        func addCrashes() async {
            let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor<Float>(zeros: [3]) + Tensor<Float>(zeros: [4])
            }
            #expect(standardError(of: result).contains("shape mismatch: [3] vs [4] in +"))
        }

        @Test("a wrong scalar count, a bad axis, and a constant input to gradients each stop with their text")
        func otherCrashes() async {
            let count = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5])
            }
            #expect(standardError(of: count).contains("shape [2, 3] needs 6 scalars, got 5"))
            let axis = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                _ = Tensor<Double>(zeros: [3, 4]).sum(alongAxes: [2])
            }
            #expect(standardError(of: axis).contains("axis 2 is out of range for a tensor of rank 2 in sum"))
            let constant = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
                let x = Tensor<Double>([1, 2])
                _ = gradients(of: (x * x).sum(), withRespectTo: [x])
            }
            #expect(
                standardError(of: constant).contains("input 0 of gradients(of:withRespectTo:) is not differentiable"))
        }

        @Test("a valid operation does not stop the process")
        func validOperationExitsNormally() async {
            await #expect(processExitsWith: .success) {
                _ = matmul(Tensor<Double>(zeros: [3, 4]), Tensor<Double>(zeros: [4, 5])) + Tensor<Double>(zeros: [5])
            }
        }
    }
}
