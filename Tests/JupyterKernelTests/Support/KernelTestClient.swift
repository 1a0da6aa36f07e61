import Foundation
import JupyterWire
import Testing

@testable import JupyterKernel

/// A Jupyter client over real ZeroMQ, as jupyter_client connects: DEALERs for shell, control
/// and stdin (shell and stdin share one identity), a SUB for iopub subscribed to everything,
/// a REQ for the heartbeat. Every receive has a timeout.
final class KernelTestClient {
    enum Channel { case shell, control, stdin }

    static let timeout: Duration = .seconds(5)

    let context: ZeroMQContext
    let shell: ZeroMQSocket
    let control: ZeroMQSocket
    let stdin: ZeroMQSocket
    let iopub: ZeroMQSocket
    let heartbeat: ZeroMQSocket
    let session = UUID().uuidString.lowercased()
    let signer: MessageSigner
    /// IOPub messages received but not yet asked for, in arrival order.
    private var backlog: [Message] = []

    init(connection: ConnectionFile, signer: MessageSigner? = nil) throws {
        self.signer = signer ?? connection.signer
        context = try ZeroMQContext()
        shell = try context.socket(.dealer)
        control = try context.socket(.dealer)
        stdin = try context.socket(.dealer)
        iopub = try context.socket(.sub)
        heartbeat = try context.socket(.req)
        for socket in [shell, control, stdin, iopub, heartbeat] { try socket.setLinger(milliseconds: 0) }
        try shell.setRoutingID(Data(session.utf8))
        try stdin.setRoutingID(Data(session.utf8))
        try iopub.subscribe()
        try shell.connect(connection.endpoint(for: .shell))
        try control.connect(connection.endpoint(for: .control))
        try stdin.connect(connection.endpoint(for: .stdin))
        try iopub.connect(connection.endpoint(for: .iopub))
        try heartbeat.connect(connection.endpoint(for: .heartbeat))
    }

    /// Connects and waits until IOPub delivers (the "slow joiner": a subscription takes a moment):
    /// sends kernel_info_request until its idle status arrives, then forgets IOPub's backlog.
    static func connected(to kernel: RunningKernel) throws -> KernelTestClient {
        let client = try KernelTestClient(connection: kernel.connection)
        try client.waitUntilReady()
        return client
    }

    func waitUntilReady() throws {
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

    func socket(_ channel: Channel) -> ZeroMQSocket {
        switch channel {
        case .shell: return shell
        case .control: return control
        case .stdin: return stdin
        }
    }

    /// A request header from this client.
    func header(_ type: String) -> MessageHeader {
        MessageHeader(session: session, username: "tester", messageType: type)
    }

    /// Sends a message of `type`; its header.
    @discardableResult
    func send(
        _ type: String, _ content: JSONObject = [:], on channel: Channel = .shell, parent: MessageHeader? = nil
    ) throws -> MessageHeader {
        let header = header(type)
        let message = Message(header: header, parentHeader: parent, content: content)
        try socket(channel).send(WireMessage(message: message).encode(signer: signer))
        return header
    }

    /// Sends raw frames on `channel`.
    func sendFrames(_ frames: [Data], on channel: Channel = .shell) throws {
        try socket(channel).send(frames)
    }

    /// The next message on `channel`, or throws after `timeout`.
    func reply(on channel: Channel = .shell, timeout: Duration = KernelTestClient.timeout) throws -> Message {
        guard let frames = try socket(channel).receive(timeout: timeout) else {
            throw TestTimeout(description: "no message on \(channel) within \(timeout)")
        }
        return try WireMessage.decode(frames: frames, signer: signer).message
    }

    /// Whether nothing arrives on `channel` within `duration`.
    func isSilent(_ channel: Channel, for duration: Duration) throws -> Bool {
        try socket(channel).receive(timeout: duration) == nil
    }

    private func nextIOPub(timeout: Duration) throws -> Message? {
        guard let frames = try iopub.receive(timeout: timeout) else { return nil }
        let message = try WireMessage.decode(frames: frames, signer: signer).message
        backlog.append(message)
        return message
    }

    /// Every IOPub message whose parent is `parent`, in order, up to and including its idle status.
    func iopubMessages(for parent: MessageHeader, timeout: Duration = KernelTestClient.timeout) throws -> [Message] {
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
    func waitForIOPub(_ type: String, parent: MessageHeader, timeout: Duration = KernelTestClient.timeout) throws -> Message {
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
    func request(
        _ type: String, _ content: JSONObject = [:], on channel: Channel = .shell
    ) throws -> (header: MessageHeader, reply: Message, iopub: [Message]) {
        let header = try send(type, content, on: channel)
        let reply = try reply(on: channel)
        return (header, reply, try iopubMessages(for: header))
    }

    /// An execute request's content.
    static func execute(
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
    var executionState: String? {
        header.messageType == "status" ? content["execution_state"]?.stringValue : nil
    }

    /// The IOPub sequence as `msg_type`s, status messages as `status:busy` / `status:idle`.
    static func types(_ messages: [Message]) -> [String] {
        messages.map { message in
            message.executionState.map { "status:\($0)" } ?? message.header.messageType
        }
    }
}
