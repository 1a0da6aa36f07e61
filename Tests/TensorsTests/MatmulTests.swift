import MarginTestSupport
import Tensors
import Testing

/// Which operands of a matrix product are transposed, printed as "Aᵀ B" and so on.
struct TransposeFlags: Sendable, CustomTestStringConvertible {
    let a: Bool
    let b: Bool

    var testDescription: String { (a ? "Aᵀ" : "A") + " " + (b ? "Bᵀ" : "B") }

    static let all = [
        TransposeFlags(a: false, b: false), TransposeFlags(a: true, b: false), TransposeFlags(a: false, b: true),
        TransposeFlags(a: true, b: true),
    ]

    /// Operand shapes for an [m, k] by [k, n] product (with a leading batch axis if given).
    func shapes(m: Int, k: Int, n: Int, batch: Int? = nil) -> ([Int], [Int]) {
        let prefix = batch.map { [$0] } ?? []
        return (prefix + (a ? [k, m] : [m, k]), prefix + (b ? [n, k] : [k, n]))
    }
}

/// The product by the definition C[i, j] = sum_l A[i, l] B[l, j], on plain arrays (the
/// independent truth), transposing first where asked.
func naiveMatmul(_ a: Tensor<Double>, _ b: Tensor<Double>, flags: TransposeFlags) -> Tensor<Double> {
    func matrix(_ t: Tensor<Double>, transposed: Bool) -> [[Double]] {
        let (r, c) = (t.shape[0], t.shape[1])
        let rows = (0..<r).map { i in (0..<c).map { j in t.scalars[i * c + j] } }
        return transposed ? (0..<c).map { j in (0..<r).map { i in rows[i][j] } } : rows
    }
    let (x, y) = (matrix(a, transposed: flags.a), matrix(b, transposed: flags.b))
    let product = x.map { row in (0..<y[0].count).map { j in row.indices.reduce(0) { $0 + row[$1] * y[$1][j] } } }
    return Tensor(product)
}

extension TensorsSuite {
    @Suite("Matrix products")
    struct MatmulTests {
        @Test("matmul equals the product by definition for every transpose combination", arguments: TransposeFlags.all)
        func values(flags: TransposeFlags) {
            let (sa, sb) = flags.shapes(m: 3, k: 5, n: 4)
            let a = randomTensor(sa, seed: 70)
            let b = randomTensor(sb, seed: 71)
            let c = matmul(a, b, transposeA: flags.a, transposeB: flags.b)
            #expect(c.shape == [3, 4])
            expectClose(c, naiveMatmul(a, b, flags: flags), tolerance: 1e-14)
            // The flags equal explicit transposes.
            let explicit = matmul(flags.a ? a.transposed() : a, flags.b ? b.transposed() : b)
            expectClose(c, explicit, tolerance: 1e-14)
        }

        @Test("hand-computed products")
        func handValues() {
            let a = Tensor<Double>([[1, 2], [3, 4]])
            let b = Tensor<Double>([[5, 6], [7, 8]])
            #expect(matmul(a, b) == Tensor([[19, 22], [43, 50]]))
            #expect(matmul(a, b, transposeA: true) == Tensor([[26, 30], [38, 44]]))
            #expect(matmul(a, b, transposeB: true) == Tensor([[17, 23], [39, 53]]))
            #expect(matmul(Tensor<Double>([[1, 2]]), Tensor<Double>([[3], [4]])) == Tensor([[11]]))
            #expect(matmul(Tensor<Float>([[1, 2, 3]]), Tensor<Float>([[1], [1], [1]])) == Tensor([[6]]))
        }

        @Test("a product with an inner size of 0 is zeros, and an empty outer size gives an empty result")
        func emptyProducts() {
            #expect(matmul(Tensor<Double>(zeros: [2, 0]), Tensor<Double>(zeros: [0, 3])) == Tensor(zeros: [2, 3]))
            #expect(matmul(Tensor<Double>(zeros: [0, 4]), Tensor<Double>(ones: [4, 3])).shape == [0, 3])
        }

        @Test("a batched product multiplies each pair of matrices", arguments: TransposeFlags.all)
        func batchedValues(flags: TransposeFlags) {
            let (sa, sb) = flags.shapes(m: 2, k: 3, n: 4, batch: 3)
            let a = randomTensor(sa, seed: 72)
            let b = randomTensor(sb, seed: 73)
            let c = matmul(a, b, transposeA: flags.a, transposeB: flags.b)
            #expect(c.shape == [3, 2, 4])
            for i in 0..<3 {
                expectClose(c[i], naiveMatmul(a[i], b[i], flags: flags), tolerance: 1e-14)
            }
        }

        @Test(
            "the gradients of matmul with respect to both operands match finite differences",
            arguments: TransposeFlags.all, [nil, 3] as [Int?])
        func productGradient(flags: TransposeFlags, batch: Int?) {
            let (sa, sb) = flags.shapes(m: 3, k: 4, n: 2, batch: batch)
            let a = randomTensor(sa, seed: 74)
            let b = randomTensor(sb, seed: 75)
            expectGradientMatchesFiniteDifferences(
                of: { weightedSum(matmul($0[0], $0[1], transposeA: flags.a, transposeB: flags.b)) }, at: [a, b])
        }

        @Test("a product of a tensor with itself adds both operands' gradients", arguments: TransposeFlags.all)
        func selfProduct(flags: TransposeFlags) {
            let x = randomTensor([3, 3], seed: 76)
            expectGradientMatchesFiniteDifferences(
                of: { weightedSum(matmul($0, $0, transposeA: flags.a, transposeB: flags.b)) }, at: x)
        }

        @Test(
            "Hessian-vector products of a nonlinear function of matmul match finite differences in both operands",
            arguments: TransposeFlags.all, [nil, 2] as [Int?])
        func hessian(flags: TransposeFlags, batch: Int?) {
            let (sa, sb) = flags.shapes(m: 3, k: 4, n: 2, batch: batch)
            let inputs = [randomTensor(sa, seed: 77), randomTensor(sb, seed: 78)]
            let direction = [randomTensor(sa, seed: 79), randomTensor(sb, seed: 80)]
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { weightedSum(tanh(matmul($0[0], $0[1], transposeA: flags.a, transposeB: flags.b))) },
                at: inputs, direction: direction)
        }

        @Test("double backward through matmul: relu then matmul, second derivatives in the input and the weight")
        func reluThenMatmulHessian() {
            let x = distinctTensor([4, 3], seed: 81)
            let w1 = randomTensor([3, 5], seed: 82)
            let w2 = randomTensor([5, 2], seed: 83)
            let direction = [
                randomTensor([4, 3], seed: 84), randomTensor([3, 5], seed: 85), randomTensor([5, 2], seed: 86),
            ]
            // relu's own curvature is zero; everything second-order comes through the products.
            let f: ([Tensor<Double>]) -> Tensor<Double> = { p in
                let h = relu(matmul(p[0], p[1]))
                let out = matmul(h, p[2])
                return weightedSum(out * out)
            }
            // The hidden pre-activations must stay away from relu's kink for finite differences.
            let pre = matmul(x, w1).scalars.map { Swift.abs($0) }.min()!
            #expect(pre > 1e-3)
            expectHessianVectorProductMatchesFiniteDifferences(of: f, at: [x, w1, w2], direction: direction)
            expectGradientMatchesFiniteDifferences(of: f, at: [x, w1, w2])
        }
    }
}
