import Foundation

/// A ``KernelTransport`` inside one process: one end of a pair whose other end is the client's.
/// Each channel is a queue of messages each way; what one end sends, the other receives, in
/// order and unchanged (no identity routing: the pair connects one kernel to one client).
/// Thread-safe.
///
/// ```swift
/// let (kernelEnd, clientEnd) = InMemoryTransport.pair()
/// let server = KernelServer(connection: connection, transport: kernelEnd, backend: backend, log: log)
/// Thread { _ = try? server.run() }.start()
/// try clientEnd.send(WireMessage(message: request).encode(signer: connection.signer), on: .shell)
/// let reply = try clientEnd.receive(on: .shell, timeout: .seconds(5))
/// ```
///
/// Closing an end makes its own calls throw ``InMemoryTransportError/closed(_:)`` and drops what
/// is later sent to it; the other end can still take what was sent before the close.
public final class InMemoryTransport: KernelTransport, @unchecked Sendable {
    private let inbound: [KernelChannel: MessageQueue]
    private let outbound: [KernelChannel: MessageQueue]
    private let lock = NSLock()
    private var closed = false

    private init(inbound: [KernelChannel: MessageQueue], outbound: [KernelChannel: MessageQueue]) {
        self.inbound = inbound
        self.outbound = outbound
    }

    /// Two connected ends: the kernel's, for ``KernelServer``, and the client's.
    public static func pair() -> (kernel: InMemoryTransport, client: InMemoryTransport) {
        func queues() -> [KernelChannel: MessageQueue] {
            Dictionary(uniqueKeysWithValues: KernelChannel.allCases.map { ($0, MessageQueue(channel: $0)) })
        }
        let toKernel = queues()
        let toClient = queues()
        return (
            InMemoryTransport(inbound: toKernel, outbound: toClient),
            InMemoryTransport(inbound: toClient, outbound: toKernel)
        )
    }

    /// The next message the other end sent on `channel`, waiting up to `timeout`.
    public func receive(on channel: KernelChannel, timeout: Duration) throws -> [Data]? {
        try inbound[channel]!.take(timeout: timeout)
    }

    /// Queues `frames` for the other end on `channel`.
    public func send(_ frames: [Data], on channel: KernelChannel) throws {
        if lock.withLock({ closed }) { throw InMemoryTransportError.closed(channel) }
        outbound[channel]!.put(frames)
    }

    /// Closes this end: its calls throw from now on, messages waiting for it are dropped.
    public func close() {
        lock.withLock { closed = true }
        for queue in inbound.values { queue.close() }
    }
}
