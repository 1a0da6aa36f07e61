/// The four message channels a ``KernelTransport`` carries between the kernel and its clients
/// (the fifth, the heartbeat, is the transport's own business: it only echoes).
public enum KernelChannel: String, Sendable, CaseIterable {
    /// Requests and replies: execution and the language requests.
    case shell
    /// Requests and replies served while a cell runs: interrupt, shutdown, kernel_info, debug.
    case control
    /// Input requests to the client that sent the running execution, and its replies.
    case stdin
    /// Outputs and status broadcast to every client; the kernel only sends on it.
    case iopub
}
