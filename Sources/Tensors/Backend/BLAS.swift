import COpenBLASLoader
import Foundation

/// The one place that calls BLAS: OpenBLAS, opened at first use with kernels chosen for this CPU.
///
/// Every executable of the project gets the right kernels without doing anything: the
/// library is not linked but opened on first use, after `OPENBLAS_CORETYPE` has been set
/// from the CPU's features (unless the user set it). `BLAS.configuration` tells what was used.
public enum BLAS {
    /// What was loaded and which kernels it runs.
    public struct Configuration: Sendable, CustomStringConvertible {
        /// OpenBLAS's kernel name, such as "Haswell" or "SkylakeX".
        public var coreName: String
        /// OpenBLAS's build configuration string.
        public var buildConfiguration: String
        /// Threads OpenBLAS uses.
        public var threadCount: Int
        /// `OPENBLAS_CORETYPE` as the library saw it, and who set it.
        public var coreTypeSetting: String
        /// Whether the calling thread flushes subnormal floats to zero (`SubnormalFloats`).
        public var subnormalsFlushed: Bool? = nil

        public var description: String {
            let subnormals = subnormalsFlushed.map { $0 ? "subnormals flushed to zero" : "subnormals kept" } ?? "subnormals: unknown"
            return "OpenBLAS kernels \(coreName), \(threadCount) threads (\(coreTypeSetting)); \(subnormals); \(buildConfiguration)"
        }
    }

    /// Loads OpenBLAS (once) and describes it.
    public static var configuration: Configuration {
        let setting = loaded
        return Configuration(
            coreName: String(cString: openblas_loader_core_name()),
            buildConfiguration: String(cString: openblas_loader_config()),
            threadCount: Int(openblas_loader_thread_count()),
            coreTypeSetting: setting, subnormalsFlushed: SubnormalFloats.isFlushingOnThisThread)
    }

    /// The CPU features seen by the loader.
    public static var cpuFeatures: Set<OpenBLASCoreType.Feature> {
        let bits = openblas_loader_cpu_features()
        let table: [(Int32, OpenBLASCoreType.Feature)] = [
            (OPENBLAS_LOADER_AVX, .avx), (OPENBLAS_LOADER_AVX2, .avx2),
            (OPENBLAS_LOADER_FMA, .fma),
            (OPENBLAS_LOADER_AVX512F, .avx512f),
            (OPENBLAS_LOADER_AVX512BW, .avx512bw),
            (OPENBLAS_LOADER_AVX512VL, .avx512vl),
            (OPENBLAS_LOADER_AVX512DQ, .avx512dq),
            (OPENBLAS_LOADER_AVX512CD, .avx512cd),
            (OPENBLAS_LOADER_VENDOR_INTEL, .vendorIntel),
            (OPENBLAS_LOADER_VENDOR_AMD, .vendorAMD),
        ]
        return Set(table.filter { bits & $0.0 != 0 }.map(\.1))
    }

    /// Opens the library on first use; the value says how OPENBLAS_CORETYPE was decided.
    private static let loaded: String = {
        // Before OpenBLAS starts its threads, so that they inherit it.
        SubnormalFloats.applyPolicy()
        let setting: String
        if let user = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] {
            setting = "OPENBLAS_CORETYPE=\(user) set by the user"
        } else if let chosen = OpenBLASCoreType.choose(for: cpuFeatures) {
            setenv("OPENBLAS_CORETYPE", chosen, 1)
            setting = "OPENBLAS_CORETYPE=\(chosen) chosen from the CPU's features"
        } else {
            setting = "OpenBLAS chose its own kernels"
        }
        let candidates = [
            "libopenblas.so.0", "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
            "/usr/lib/aarch64-linux-gnu/libopenblas.so.0", "libopenblas.dylib",
        ]
        var error = [CChar](repeating: 0, count: 512)
        let status = withArrayOfCStrings(candidates) { pointers in
            openblas_loader_open(pointers, &error, Int32(error.count))
        }
        if status != 0 {
            let reason = String(decoding: error.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            fatalError("OpenBLAS could not be loaded (\(reason)); install it with: apt-get install libopenblas-dev")
        }
        return setting
    }()

    /// Threads OpenBLAS uses for each product (OPENBLAS_NUM_THREADS, else one per core).
    static var threadCount: Int {
        ensureLoaded()
        return Int(openblas_loader_thread_count())
    }

    /// Limits the threads every later product and core split uses to `count` (at least 1):
    /// a process that runs several trainings side by side (one per core) gives each one
    /// thread, and a run's numbers then do not depend on how many run beside it. Call it
    /// while no computation is under way on another thread.
    public static func limitThreads(to count: Int) {
        ensureLoaded()
        CoreSplit.setConfiguredThreads(count)
    }

    /// Makes sure the library is open before the first gemm.
    @inline(__always) static func ensureLoaded() { _ = loaded }

    /// C = alpha * op(A) * op(B) + beta * C, row-major, Float.
    static func sgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int, beta: Float,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        ensureLoaded()
        openblas_loader_sgemm(
            transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b,
            Int32(ldb), beta, c, Int32(ldc))
    }

    /// C = alpha * op(A) * op(B) + beta * C, row-major, Double.
    static func dgemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int, beta: Double,
        c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        ensureLoaded()
        openblas_loader_dgemm(
            transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b,
            Int32(ldb), beta, c, Int32(ldc))
    }

    /// Raw cblas_sgemm on row-major buffers, for benchmarks that compare against the tensor type.
    public static func rawSgemm(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>, c: UnsafeMutablePointer<Float>
    ) {
        sgemm(
            transposeA: false, transposeB: false, m: m, n: n, k: k, alpha: 1, a: a, lda: k, b: b, ldb: n, beta: 0,
            c: c, ldc: n)
    }
}

/// Calls `body` with a NULL-terminated array of C strings.
private func withArrayOfCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
    let duplicates = strings.map { strdup($0) }
    defer { duplicates.forEach { free($0) } }
    let pointers = duplicates.map { UnsafePointer<CChar>($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
