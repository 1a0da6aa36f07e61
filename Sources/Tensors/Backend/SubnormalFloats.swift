import CFloatEnvironment
import Foundation

/// How the threads that compute treat subnormal floats (magnitudes below 1.2e-38 for Float).
///
/// The project's policy: **flush them to zero**, as TensorFlow does in its threads and PyTorch
/// offers with `torch.set_flush_denormal(True)`. A training loss that goes to zero drives its
/// gradients and RMSProp's running squares into the subnormal range, and Intel processors take
/// a microcode assist on every operation with a subnormal operand or result (tens of times
/// slower than a normal one; AMD's take hardly any), which made a toy training step several
/// times slower on an Intel Xeon. Values that small carry no information for training.
///
/// The policy is applied once, to the thread that first opens OpenBLAS, before it opens it:
/// OpenBLAS's threads, `CoreSplit`'s and every thread started afterwards from that thread
/// inherit it, and so do forked processes (the kernel's cell runners, an experiment's runs).
/// Set `SWIFT_MARGIN_SUBNORMALS=keep` in the environment to compute with subnormals exactly
/// (IEEE 754 gradual underflow); `setFlushing(_:)` changes the calling thread only.
public enum SubnormalFloats {
    /// The environment variable that chooses the policy: `keep` computes with subnormals, any
    /// other value (or none) flushes them to zero.
    public static let environmentVariable = "SWIFT_MARGIN_SUBNORMALS"

    /// Whether the process's policy is to flush subnormals (see `environmentVariable`).
    public static var policyFlushes: Bool {
        ProcessInfo.processInfo.environment[environmentVariable]?.lowercased() != "keep"
    }

    /// Whether the calling thread flushes subnormal inputs and results to zero (nil on a
    /// processor whose setting is not known).
    public static var isFlushingOnThisThread: Bool? {
        switch float_environment_flushes_subnormals() {
        case 1: true
        case 0: false
        default: nil
        }
    }

    /// Makes the calling thread (and the threads it starts afterwards) flush subnormals to
    /// zero, or compute with them. Returns false on a processor whose setting is not known.
    @discardableResult
    public static func setFlushing(_ flush: Bool) -> Bool {
        float_environment_set_flush_subnormals(flush ? 1 : 0) == 0
    }

    /// Applies the process's policy to the calling thread (`BLAS` does, before opening OpenBLAS).
    static func applyPolicy() {
        setFlushing(policyFlushes)
    }
}
