import Foundation

/// How the kernel's protocol logic reaches its clients: multipart messages (signed Jupyter wire
/// frames, built and checked by the kernel) sent and received on the four ``KernelChannel``s.
/// ``KernelServer`` serves any transport; `KernelZeroMQ` binds one to a connection file's
/// ZeroMQ endpoints (and answers the heartbeat itself), ``InMemoryTransport`` connects a
/// kernel and a client in one process.
///
/// Frames pass unchanged, except that a transport may route by the frames before the
/// `<IDS|MSG>` delimiter: a ZeroMQ ROUTER prefixes what it receives with the sender's identity
/// and sends a reply to the identity in its first frame. The kernel answers a request with the
/// request's own identity frames, so either way the reply reaches the sender.
///
/// The server uses each channel from one thread at a time (shell from `run()`'s thread, control
/// from its own, stdin and iopub under locks) and different channels from different threads at
/// once; an implementation must allow that, and need not allow more.
public protocol KernelTransport: AnyObject, Sendable {
    /// The next message received on `channel`, or `nil` if none arrives within `timeout`
    /// (`.zero` only takes a message already waiting).
    /// - Throws: when the channel is broken or the transport closed.
    func receive(on channel: KernelChannel, timeout: Duration) throws -> [Data]?

    /// Sends `frames` as one message on `channel`, without waiting for the client to take it.
    /// - Throws: when the channel is broken or the transport closed.
    func send(_ frames: [Data], on channel: KernelChannel) throws

    /// Ends the transport: later calls throw; messages already sent are still delivered if
    /// they can be (briefly). ``KernelServer/run()`` closes its transport before it returns.
    func close()
}
