import CZeroMQ

/// A ZeroMQ context: the owner of the I/O threads that all of a process's sockets share.
///
/// Thread-safe. Each socket keeps its context alive; the context is terminated when the
/// last reference goes, after every socket is closed (each socket's linger applies).
///
/// ```swift
/// let context = try ZeroMQContext()
/// let shell = try context.socket(.router)
/// ```
public final class ZeroMQContext: @unchecked Sendable {
    /// The `void *` from `zmq_ctx_new`; used only by Context.swift, Socket.swift and Poller.swift.
    let handle: UnsafeMutableRawPointer

    /// A new context.
    /// - Throws: ``ZeroMQError`` if libzmq cannot create one (e.g. too many open files).
    public init() throws(ZeroMQError) {
        guard let handle = zmq_ctx_new() else {
            let code = zmq_errno()
            throw ZeroMQError(
                operation: "zmq_ctx_new", code: code, message: String(cString: zmq_strerror(code)))
        }
        self.handle = handle
    }

    /// A new socket of `kind` in this context (see ``ZeroMQSocket/init(_:context:)``).
    public func socket(_ kind: ZeroMQSocket.Kind) throws(ZeroMQError) -> ZeroMQSocket {
        try ZeroMQSocket(kind, context: self)
    }

    deinit {
        while zmq_ctx_term(handle) != 0 && zmq_errno() == EINTR {}
    }
}
