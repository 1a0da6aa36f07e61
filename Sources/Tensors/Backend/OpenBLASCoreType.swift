/// Chooses OpenBLAS's kernels (the `OPENBLAS_CORETYPE` value) from the CPU's features.
///
/// Debian's OpenBLAS 0.3.21 falls back to generic "Prescott" kernels on CPUs it does not
/// recognise (a 5x loss in sgemm on a recent Xeon). The choice here is made only from
/// features the CPU has, so it never names a kernel the CPU cannot run:
///
///     OpenBLASCoreType.choose(for: [.avx, .avx2, .fma, .vendorIntel])   // "Haswell"
public enum OpenBLASCoreType {
    /// A CPU feature that decides the choice.
    public enum Feature: Hashable, Sendable {
        case avx, avx2, fma
        case avx512f, avx512bw, avx512vl, avx512dq, avx512cd
        case vendorIntel, vendorAMD
    }

    /// The `OPENBLAS_CORETYPE` value for a CPU with `features`, or nil to let OpenBLAS decide
    /// (a CPU with none of the vector extensions that the named kernels need).
    ///
    /// AVX-512 (F, BW, VL, DQ, CD) gives "SkylakeX"; AVX2 with FMA gives "Zen" on AMD and
    /// "Haswell" elsewhere; AVX alone gives "Sandybridge".
    public static func choose(for features: Set<Feature>) -> String? {
        let avx512: Set<Feature> = [.avx512f, .avx512bw, .avx512vl, .avx512dq, .avx512cd]
        if avx512.isSubset(of: features) { return "SkylakeX" }
        if features.contains(.avx2) && features.contains(.fma) {
            return features.contains(.vendorAMD) ? "Zen" : "Haswell"
        }
        if features.contains(.avx) { return "Sandybridge" }
        return nil
    }
}
