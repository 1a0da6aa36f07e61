// Matrix products on BLAS, with the transposes passed as flags (no copies).

/// The matrix product of `a` and `b`, optionally transposing either (rank 2, or rank 3 for
/// a batch of products).
///
///     matmul(Tensor<Float>([[1, 2]]), Tensor<Float>([[3], [4]]))   // [[11]]
///
/// - Parameters:
///   - transposeA: Use the transpose of `a`'s last two axes (no copy is made).
///   - transposeB: Use the transpose of `b`'s last two axes (no copy is made).
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func matmul<Scalar>(
    _ a: Tensor<Scalar>, _ b: Tensor<Scalar>, transposeA: Bool = false, transposeB: Bool = false
) -> Tensor<Scalar> {
    let operation = "matmul"
    guard (a.rank == 2 && b.rank == 2) || (a.rank == 3 && b.rank == 3 && a.shape[0] == b.shape[0]) else {
        fail(.mismatch(operation: operation, lhs: a.shape, rhs: b.shape))
    }
    let batch = a.rank == 3 ? a.shape[0] : 1
    let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
    let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
    let (m, k) = transposeA ? (ac, ar) : (ar, ac)
    let (k2, n) = transposeB ? (bc, br) : (br, bc)
    guard k == k2 else {
        let lhs = transposeA ? Array(a.shape.dropLast(2)) + [ac, ar] : a.shape
        let rhs = transposeB ? Array(b.shape.dropLast(2)) + [bc, br] : b.shape
        fail(.mismatch(operation: operation, lhs: lhs, rhs: rhs))
    }
    let shape = a.rank == 3 ? [batch, m, n] : [m, n]
    let value = Tensor<Scalar>(shape: shape) { out in
        // Zeroing here and accumulating is faster than OpenBLAS's own beta = 0 pass on
        // small matrices, and gives the same result.
        out.initialize(repeating: 0, count: batch * m * n)
        for i in 0..<batch where m > 0 && n > 0 && k > 0 {
            Scalar._gemm(
                transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, a.buffer.base + i * ar * ac, lda: ac,
                b.buffer.base + i * br * bc, ldb: bc, out + i * m * n, ldc: n, accumulate: true)
        }
    }
    return Tensor.recording(value, inputs: [a, b]) { g in
        // C = op(A) op(B):  dA = g op(B)^T (or its transpose), dB = op(A)^T g (or its transpose).
        let da: Tensor<Scalar>? = a.isWantedByBackpropagation
            ? (transposeA
                ? matmul(b, g, transposeA: transposeB, transposeB: true)
                : matmul(g, b, transposeA: false, transposeB: !transposeB))
            : nil
        let db: Tensor<Scalar>? = b.isWantedByBackpropagation
            ? (transposeB
                ? matmul(g, a, transposeA: true, transposeB: transposeA)
                : matmul(a, g, transposeA: !transposeA, transposeB: false))
            : nil
        return [da, db]
    }
}
