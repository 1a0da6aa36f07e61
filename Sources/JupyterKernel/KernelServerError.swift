/// Why ``KernelServer/run()`` could not start serving.
public enum KernelServerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `run()` was called a second time on the same server.
    case alreadyRun

    /// The text a user reads.
    public var description: String {
        switch self {
        case .alreadyRun:
            return "KernelServer.run() can be called only once per server"
        }
    }
}
