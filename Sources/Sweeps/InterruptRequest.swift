#if canImport(Glibc)
import Glibc
#endif

/// Set by SIGINT (Ctrl-C) or SIGTERM once ``InterruptRequest/install()`` ran.
nonisolated(unsafe) private var interruptSignal: sig_atomic_t = 0

/// Ctrl-C and SIGTERM as a request a sweep polls: the handler only sets a flag, and the
/// sweep then stops its runs, keeps every finished one and writes its results.
public enum InterruptRequest {
    /// Replaces the default action of SIGINT and SIGTERM (ending the process) by setting the
    /// flag, and ignores SIGPIPE (a closed standard output must not end a sweep midway; the
    /// runs are started with SIGPIPE at its default).
    public static func install() {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGINT) { number in interruptSignal = number }
        signal(SIGTERM) { number in interruptSignal = number }
    }

    /// The signal that asked to stop, or nil.
    public static var receivedSignal: Int32? { interruptSignal == 0 ? nil : interruptSignal }

    /// Whether a stop was asked for.
    public static var isRequested: Bool { interruptSignal != 0 }
}
