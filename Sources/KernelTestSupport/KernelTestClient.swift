import Foundation
import JupyterKernel
import JupyterWire

/// A Jupyter client on the client's end of a kernel's transport, speaking as jupyter_client
/// does: signed requests on shell, control and stdin, replies read back, IOPub read in order.
/// Every receive has a timeout.
public final class KernelTestClient {
    /// How long a receive waits unless told otherwise.
    public static let timeout: Duration = .seconds(5)

    /// The client's end of the kernel's transport.
    public let transport: KernelTransport
    /// The `session` of the client's headers.
    public let session = UUID().uuidString.lowercased()
    /// Signs what the client sends and checks what it receives.
    public let signer: MessageSigner
    /// IOPub messages received but not yet asked for, in arrival order.
    private var backlog: [Message] = []
    /// The binary buffers of every message received with some, by `msg_id`.
    private var receivedBuffers: [String: [Data]] = [:]

    /// A client on `transport` signing with `signer`.
    public init(transport: KernelTransport, signer: MessageSigner) {
        self.transport = transport
        self.signer = signer
    }

    /// A client of `kernel`, ready: see ``waitUntilReady()``.
    public static func connected(to kernel: RunningKernel) throws -> KernelTestClient {
        let client = KernelTestClient(transport: kernel.client, signer: kernel.connection.signer)
        try client.waitUntilReady()
        return client
    }

    /// Waits until IOPub delivers (over ZeroMQ, the "slow joiner": a subscription takes a moment):
    /// sends kernel_info_request until its idle status arrives, then forgets IOPub's backlog.
    public func waitUntilReady() throws {
        for _ in 0..<50 {
            let header = try send("kernel_info_request")
            _ = try reply(on: .shell)
            let deadline = ContinuousClock.now + .milliseconds(200)
            while ContinuousClock.now < deadline {
                guard let message = try nextIOPub(timeout: .milliseconds(20)) else { continue }
                if message.parentHeader?.messageID == header.messageID && message.executionState == "idle" {
                    backlog.removeAll()
                    return
                }
            }
        }
        throw TestTimeout(description: "IOPub never delivered")
    }

    /// A request header from this client.
    public func header(_ type: String) -> MessageHeader {
        MessageHeader(session: session, username: "tester", messageType: type)
    }

    /// Sends a message of `type`, with `buffers` as frames after the content; its header.
    @discardableResult
    public func send(
        _ type: String, _ content: JSONObject = [:], on channel: KernelChannel = .shell, parent: MessageHeader? = nil,
        metadata: JSONObject = [:], buffers: [Data] = []
    ) throws -> MessageHeader {
        let header = header(type)
        let message = Message(header: header, parentHeader: parent, metadata: metadata, content: content)
        try transport.send(WireMessage(message: message, buffers: buffers).encode(signer: signer), on: channel)
        return header
    }

    /// The binary buffers that came with `message` (received by this client; none if it had none).
    public func buffers(of message: Message) -> [Data] {
        receivedBuffers[message.header.messageID] ?? []
    }

    /// Sends raw frames on `channel`.
    public func sendFrames(_ frames: [Data], on channel: KernelChannel = .shell) throws {
        try transport.send(frames, on: channel)
    }

    /// The next message's raw frames on `channel`, or throws after `timeout`.
    public func frames(on channel: KernelChannel = .shell, timeout: Duration = KernelTestClient.timeout) throws -> [Data] {
        guard let frames = try transport.receive(on: channel, timeout: timeout) else {
            throw TestTimeout(description: "no message on \(channel) within \(timeout)")
        }
        return frames
    }

    /// The next message on `channel`, or throws after `timeout`.
    public func reply(on channel: KernelChannel = .shell, timeout: Duration = KernelTestClient.timeout) throws -> Message {
        try decode(try frames(on: channel, timeout: timeout))
    }

    /// The message in `frames`, its buffers kept for ``buffers(of:)``.
    private func decode(_ frames: [Data]) throws -> Message {
        let wire = try WireMessage.decode(frames: frames, signer: signer)
        if !wire.buffers.isEmpty { receivedBuffers[wire.message.header.messageID] = wire.buffers }
        return wire.message
    }

    /// Whether nothing arrives on `channel` within `duration`.
    public func isSilent(_ channel: KernelChannel, for duration: Duration) throws -> Bool {
        try transport.receive(on: channel, timeout: duration) == nil
    }

    private func nextIOPub(timeout: Duration) throws -> Message? {
        guard let frames = try transport.receive(on: .iopub, timeout: timeout) else { return nil }
        let message = try decode(frames)
        backlog.append(message)
        return message
    }

    /// Every IOPub message whose parent is `parent`, in order, up to and including its idle status.
    public func iopubMessages(for parent: MessageHeader, timeout: Duration = KernelTestClient.timeout) throws -> [Message] {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let idle = backlog.firstIndex(where: {
                $0.parentHeader?.messageID == parent.messageID && $0.executionState == "idle"
            }) {
                let mine = backlog[...idle].filter { $0.parentHeader?.messageID == parent.messageID }
                backlog = backlog.enumerated().filter {
                    $0.offset > idle || $0.element.parentHeader?.messageID != parent.messageID
                }.map(\.element)
                return mine
            }
            guard ContinuousClock.now < deadline else {
                throw TestTimeout(description: "no idle status for \(parent.messageType) within \(timeout)")
            }
            _ = try nextIOPub(timeout: .milliseconds(20))
        }
    }

    /// Waits for the first IOPub message of `type` with `parent` as parent (it stays in the backlog).
    public func waitForIOPub(_ type: String, parent: MessageHeader, timeout: Duration = KernelTestClient.timeout) throws -> Message {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let found = backlog.first(where: {
                $0.header.messageType == type && $0.parentHeader?.messageID == parent.messageID
            }) {
                return found
            }
            guard ContinuousClock.now < deadline else {
                throw TestTimeout(description: "no \(type) for \(parent.messageType) within \(timeout)")
            }
            _ = try nextIOPub(timeout: .milliseconds(20))
        }
    }

    /// Sends a request and returns its reply and its IOPub messages (through idle).
    public func request(
        _ type: String, _ content: JSONObject = [:], on channel: KernelChannel = .shell
    ) throws -> (header: MessageHeader, reply: Message, iopub: [Message]) {
        let header = try send(type, content, on: channel)
        let reply = try reply(on: channel)
        return (header, reply, try iopubMessages(for: header))
    }

    /// An execute request's content.
    public static func execute(
        _ code: String, silent: Bool = false, storeHistory: Bool = true, allowStdin: Bool = false,
        stopOnError: Bool = true
    ) -> JSONObject {
        [
            "code": .string(code), "silent": .bool(silent), "store_history": .bool(storeHistory),
            "user_expressions": [:], "allow_stdin": .bool(allowStdin), "stop_on_error": .bool(stopOnError),
        ]
    }
}

extension Message {
    /// `content.execution_state` of a status message.
    public var executionState: String? {
        header.messageType == "status" ? content["execution_state"]?.stringValue : nil
    }

    /// The IOPub sequence as `msg_type`s, status messages as `status:busy` / `status:idle`.
    public static func types(_ messages: [Message]) -> [String] {
        messages.map { message in
            message.executionState.map { "status:\($0)" } ?? message.header.messageType
        }
    }
}
