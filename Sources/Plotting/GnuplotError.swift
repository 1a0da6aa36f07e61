/// Why gnuplot could not draw a figure, as one sentence a notebook user can act on.
public enum GnuplotError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No gnuplot executable on PATH (nor at /usr/bin/gnuplot).
    case notFoundOnPath
    /// The configured executable does not exist or cannot be run.
    case notFound(path: String)
    /// gnuplot could not be started.
    case launchFailed(path: String, reason: String)
    /// gnuplot rejected the script: its exit status and what it wrote to standard error.
    case scriptFailed(status: Int32, message: String)
    /// gnuplot ended successfully but wrote no image.
    case noOutput(message: String)
    /// gnuplot did not finish in time and was stopped.
    case timedOut(seconds: Double)
    /// Talking to gnuplot failed (a pipe or poll error).
    case communication(String)

    /// The reason as one sentence; gnuplot's own message when the script failed.
    public var description: String {
        switch self {
        case .notFoundOnPath:
            return "gnuplot was not found on PATH: install the Debian package gnuplot-nox (apt-get install gnuplot-nox)"
        case .notFound(let path):
            return "gnuplot was not found at \(path): install the Debian package gnuplot-nox (apt-get install gnuplot-nox)"
        case .launchFailed(let path, let reason):
            return "gnuplot could not be started (\(path)): \(reason)"
        case .scriptFailed(let status, let message):
            return "gnuplot failed (exit status \(status)): \(message)"
        case .noOutput(let message):
            return "gnuplot wrote no image" + (message.isEmpty ? "" : ": \(message)")
        case .timedOut(let seconds):
            return "gnuplot did not finish within \(seconds) s and was stopped"
        case .communication(let reason):
            return "talking to gnuplot failed: \(reason)"
        }
    }
}
