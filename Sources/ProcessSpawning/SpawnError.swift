/// Why a child process (or a pipe for it) could not be made; `description` says it in words.
public enum SpawnError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `pipe2` failed (the system's reason).
    case pipe(String)
    /// A descriptor could not be moved out of the way of the child's numbers (the system's reason).
    case descriptor(String)
    /// `posix_spawn` could not start the program at `path` (the system's reason).
    case launch(path: String, reason: String)

    /// E.g. "cannot start /usr/bin/gnuplot: No such file or directory".
    public var description: String {
        switch self {
        case .pipe(let reason): return "cannot create a pipe: \(reason)"
        case .descriptor(let reason): return "cannot duplicate a descriptor: \(reason)"
        case .launch(let path, let reason): return "cannot start \(path): \(reason)"
        }
    }
}
