import Foundation
import JupyterWire

/// The IOPub channel, shared by the shell and control threads (and any thread a backend
/// writes output from): every publication takes a lock, so frames of two messages never mix.
///
/// The topic frame is `kernel.<session>.<msg_type>`, as ipykernel writes it. A failed send is
/// logged, never thrown: losing an output must not stop the kernel.
final class IOPubPublisher: @unchecked Sendable {
    private let lock = NSLock()
    private let transport: KernelTransport
    private let session: KernelSession
    private let log: KernelLog
    private var closed = false

    init(transport: KernelTransport, session: KernelSession, log: KernelLog) {
        self.transport = transport
        self.session = session
        self.log = log
    }

    /// Publishes a message of `type` with `parent` as its parent header, and `buffers` as
    /// frames after the content.
    func publish(
        _ type: String, content: JSONObject, parent: MessageHeader?, metadata: JSONObject = [:], buffers: [Data] = []
    ) {
        publish(session.message(type, content: content, parent: parent, metadata: metadata), buffers: buffers)
    }

    /// Publishes `message` as it is (its header is already the kernel's), `buffers` after its content.
    func publish(_ message: Message, buffers: [Data] = []) {
        let topic = Data("kernel.\(session.id).\(message.header.messageType)".utf8)
        let frames = session.frames(message, identities: [topic], buffers: buffers)
        lock.withLock {
            guard !closed else {
                log(.debug, "iopub closed: dropped \(message.header.messageType)")
                return
            }
            do {
                try transport.send(frames, on: .iopub)
            } catch {
                log(.error, "cannot publish \(message.header.messageType) on iopub: \(error)")
            }
        }
    }

    /// Publishes `status` `{execution_state: state}`: `starting`, `busy` or `idle`.
    func status(_ state: String, parent: MessageHeader?) {
        publish("status", content: ["execution_state": .string(state)], parent: parent)
    }

    /// Waits for a publication in progress, then drops later ones (the transport is about to close).
    func close() {
        lock.withLock { closed = true }
    }
}
