import CScatterRows
import RealModule

/// A scalar type a `Tensor` can hold: `Float` (the default for models) or `Double` (for
/// gradient checks and wherever a user needs the precision).
///
/// The requirements starting with an underscore are the compute kernels: each conforming
/// type implements them with loops specialised for itself, so tensor code that runs
/// unspecialised (a notebook cell compiled without optimisation) still runs fast loops.
public protocol TensorScalar: BinaryFloatingPoint, Real, Codable, Sendable, CustomStringConvertible
where RawSignificand: FixedWidthInteger {
    /// The name shown when a tensor prints ("Float32", "Float64").
    static var dtypeName: String { get }
    /// A one-byte code identifying the type in saved parameter files.
    static var fileCode: UInt8 { get }

    /// Elementwise unary kernel over `count` contiguous values.
    static func _unary(_ kernel: UnaryKernel, _ x: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, count: Int)
    /// Elementwise binary kernel with broadcasting (see `BroadcastLayout`).
    static func _binary(
        _ kernel: BinaryKernel, _ a: UnsafePointer<Self>, _ b: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>,
        layout: BroadcastLayout)
    /// Reduction of `x` (shape `layout.inputShape`) into `out` (shape `layout.outputShape`).
    static func _reduce(_ kernel: ReductionKernel, _ x: UnsafePointer<Self>, _ out: UnsafeMutablePointer<Self>, layout: ReductionLayout)
    /// Row-major C = op(A) op(B) (with leading dimensions), through BLAS.
    static func _gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, _ a: UnsafePointer<Self>, lda: Int,
        _ b: UnsafePointer<Self>, ldb: Int, _ c: UnsafeMutablePointer<Self>, ldc: Int, accumulate: Bool)
    /// Adds scaled rows onto several target rows at once (the C kernel `scatter_rows`): for
    /// each entry e and replica r, `target[r * replicaStride + k] += coefficients[e * replicas
    /// + r] * rows[rowOffsets[e] + k]` for k in `0..<length`.
    static func _scatterRows(
        _ rows: UnsafePointer<Self>, rowOffsets: UnsafePointer<Int>, coefficients: UnsafePointer<Self>, entries: Int,
        replicas: Int, into target: UnsafeMutablePointer<Self>, replicaStride: Int, length: Int)
}

extension Float: TensorScalar {
    public static var dtypeName: String { "Float32" }
    public static var fileCode: UInt8 { 1 }

    public static func _unary(_ kernel: UnaryKernel, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, count: Int) {
        Kernels.unary(kernel, x, out, count: count)
    }
    public static func _binary(
        _ kernel: BinaryKernel, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>,
        layout: BroadcastLayout
    ) {
        Kernels.binary(kernel, a, b, out, layout: layout)
    }
    public static func _reduce(
        _ kernel: ReductionKernel, _ x: UnsafePointer<Float>, _ out: UnsafeMutablePointer<Float>, layout: ReductionLayout
    ) {
        Kernels.reduce(kernel, x, out, layout: layout)
    }
    public static func _gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, _ a: UnsafePointer<Float>, lda: Int,
        _ b: UnsafePointer<Float>, ldb: Int, _ c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool
    ) {
        BLAS.sgemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b,
            ldb: ldb, beta: accumulate ? 1 : 0, c: c, ldc: ldc)
    }
    public static func _scatterRows(
        _ rows: UnsafePointer<Float>, rowOffsets: UnsafePointer<Int>, coefficients: UnsafePointer<Float>, entries: Int,
        replicas: Int, into target: UnsafeMutablePointer<Float>, replicaStride: Int, length: Int
    ) {
        scatter_rows_f32(rows, rowOffsets, coefficients, entries, replicas, target, replicaStride, length)
    }
}

extension Double: TensorScalar {
    public static var dtypeName: String { "Float64" }
    public static var fileCode: UInt8 { 2 }

    public static func _unary(_ kernel: UnaryKernel, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, count: Int) {
        Kernels.unary(kernel, x, out, count: count)
    }
    public static func _binary(
        _ kernel: BinaryKernel, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
        _ out: UnsafeMutablePointer<Double>, layout: BroadcastLayout
    ) {
        Kernels.binary(kernel, a, b, out, layout: layout)
    }
    public static func _reduce(
        _ kernel: ReductionKernel, _ x: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>, layout: ReductionLayout
    ) {
        Kernels.reduce(kernel, x, out, layout: layout)
    }
    public static func _gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, _ a: UnsafePointer<Double>, lda: Int,
        _ b: UnsafePointer<Double>, ldb: Int, _ c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool
    ) {
        BLAS.dgemm(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 1, a: a, lda: lda, b: b,
            ldb: ldb, beta: accumulate ? 1 : 0, c: c, ldc: ldc)
    }
    public static func _scatterRows(
        _ rows: UnsafePointer<Double>, rowOffsets: UnsafePointer<Int>, coefficients: UnsafePointer<Double>, entries: Int,
        replicas: Int, into target: UnsafeMutablePointer<Double>, replicaStride: Int, length: Int
    ) {
        scatter_rows_f64(rows, rowOffsets, coefficients, entries, replicas, target, replicaStride, length)
    }
}
