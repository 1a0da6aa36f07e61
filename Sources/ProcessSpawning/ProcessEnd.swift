#if canImport(Glibc)
import Glibc
#endif

/// How a child process ended: with an exit code, or killed by a signal.
public enum ProcessEnd: Equatable, Sendable, CustomStringConvertible {
    /// The process called `exit` (or returned from `main`) with this code.
    case exited(Int32)
    /// A signal ended the process (SIGKILL, or SIGILL at a Swift trap).
    case killed(signal: Int32)

    /// Decodes the status word `waitpid` fills in.
    public init(waitStatus: Int32) {
        let signal = waitStatus & 0x7f
        self = signal == 0 ? .exited((waitStatus >> 8) & 0xff) : .killed(signal: signal)
    }

    /// The number a shell gives: the exit code, or 128 + the signal.
    public var shellStatus: Int32 {
        switch self {
        case .exited(let code): code
        case .killed(let signal): 128 + signal
        }
    }

    /// "exit status 2" or "signal 9".
    public var description: String {
        switch self {
        case .exited(let code): "exit status \(code)"
        case .killed(let signal): "signal \(signal)"
        }
    }
}
