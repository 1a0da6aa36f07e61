import Foundation
import JupyterWire

/// The two request channels.
enum RequestChannel: String, Sendable {
    /// Shell: execution and the language requests; served on the thread that called `run()`.
    case shell
    /// Control: kernel_info, interrupt, shutdown, debug; served on its own thread so they are
    /// answered while a cell runs.
    case control

    /// The transport channel requests come in on and replies go out on.
    var transportChannel: KernelChannel {
        switch self {
        case .shell: return .shell
        case .control: return .control
        }
    }
}

/// Handles one request: publishes `busy`, runs the handler for its `msg_type`, replies on the
/// channel it came from with the same identities, publishes `idle`.
///
/// Shell-only requests (execute, is_complete, complete, inspect, history, comms) reach the
/// backend from the shell thread only; on control they are logged and ignored, like unknown
/// types. The execution count and history are touched by the shell thread only.
final class RequestDispatcher: @unchecked Sendable {
    let backend: KernelBackend
    let transport: KernelTransport
    let session: KernelSession
    let iopub: IOPubPublisher
    let stdin: StdinChannel
    let state: ServerState
    let connection: ConnectionFile
    let log: KernelLog
    /// The last execution count given (0 before any); shell thread only.
    var executionCount = 0
    /// Stored inputs; shell thread only.
    var history = ExecutionHistory()
    /// The open comms, whichever side opened them (thread-safe: comm_info is served on control too).
    let comms = CommTable()

    init(
        backend: KernelBackend, transport: KernelTransport, session: KernelSession, iopub: IOPubPublisher, stdin: StdinChannel,
        state: ServerState, connection: ConnectionFile, log: KernelLog
    ) {
        self.backend = backend
        self.transport = transport
        self.session = session
        self.iopub = iopub
        self.stdin = stdin
        self.state = state
        self.connection = connection
        self.log = log
    }

    /// Handles `request` received on `channel`, replying on the same channel. After a failed
    /// execution with `stop_on_error`, `abortQueued` runs before the `idle` status, so the
    /// requests it aborts are only those that were already waiting: a client that waits for
    /// idle before sending its next request never has that request aborted (ipykernel's order).
    func handle(_ request: WireMessage, on channel: RequestChannel, abortQueued: () -> Void = {}) {
        let header = request.message.header
        log(.debug, "\(channel.rawValue): \(header.messageType) \(header.messageID)")
        iopub.status("busy", parent: header)
        if dispatch(request, on: channel) { abortQueued() }
        iopub.status("idle", parent: header)
    }

    /// Runs the handler for the request's type; returns whether queued executions must be aborted.
    private func dispatch(_ request: WireMessage, on channel: RequestChannel) -> Bool {
        let header = request.message.header
        let type = header.messageType

        let content = request.message.content
        switch (type, channel) {
        case ("kernel_info_request", _):
            reply(to: request, on: channel, content: ReplyContent.kernelInfo(backend.kernelInfo))
        case ("execute_request", .shell):
            return execute(request)
        case ("is_complete_request", .shell):
            let code = content["code"]?.stringValue ?? ""
            reply(to: request, on: channel, content: ReplyContent.isComplete(backend.isComplete(code)))
        case ("complete_request", .shell):
            let code = content["code"]?.stringValue ?? ""
            let cursor = content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
            reply(to: request, on: channel, content: ReplyContent.complete(backend.complete(code, cursorPosition: cursor)))
        case ("inspect_request", .shell):
            let code = content["code"]?.stringValue ?? ""
            let cursor = content["cursor_pos"]?.intValue ?? code.unicodeScalars.count
            let detail = content["detail_level"]?.intValue ?? 0
            let result = backend.inspect(code, cursorPosition: cursor, detailLevel: detail)
            reply(to: request, on: channel, content: ReplyContent.inspect(result))
        case ("history_request", .shell):
            reply(to: request, on: channel, content: history.reply(to: content))
        case ("comm_info_request", _):
            let comms = comms.info(targetName: content["target_name"]?.stringValue)
            reply(to: request, on: channel, content: ["status": "ok", "comms": .object(comms)])
        case ("comm_open", .shell):
            commOpen(request)
        case ("comm_msg", .shell):
            commMessage(request)
        case ("comm_close", .shell):
            commClose(request)
        case ("connect_request", _):
            reply(to: request, on: channel, content: ReplyContent.connect(connection))
        case ("interrupt_request", _):
            log(.info, "interrupt_request on \(channel.rawValue)")
            interrupt()
            reply(to: request, on: channel, content: ["status": "ok"])
        case ("shutdown_request", _):
            shutdown(request, on: channel)
        case ("debug_request", .control):
            log(.info, "debug_request: this kernel has no debugger")
            reply(to: request, on: channel, content: ReplyContent.debugUnsupported(request: content))
        default:
            log(.warning, "unknown message type on \(channel.rawValue): \"\(type)\"; ignored")
        }
        return false
    }

    /// What `interrupt_request` and SIGINT do: end a pending input wait, then interrupt the backend.
    func interrupt() {
        stdin.cancelPendingInput()
        backend.interrupt()
    }

    /// `shutdown_request`: tells the backend (once), replies on the channel and on IOPub
    /// (as ipykernel does), and asks every loop to stop.
    private func shutdown(_ request: WireMessage, on channel: RequestChannel) {
        let restart = request.message.content["restart"]?.boolValue ?? false
        log(.info, "shutdown_request (restart: \(restart))")
        if state.claimBackendShutdown() { backend.shutdown(restart: restart) }
        let content: JSONObject = ["status": "ok", "restart": .bool(restart)]
        reply(to: request, on: channel, content: content)
        iopub.publish("shutdown_reply", content: content, parent: request.message.header)
        state.requestStop(restart: restart)
    }

    /// Sends the reply to `request` on `channel`: type `<x>_reply`, the request's header as parent,
    /// the request's identities. A failed send is logged.
    func reply(to request: WireMessage, on channel: RequestChannel, content: JSONObject, metadata: JSONObject = [:]) {
        let type = KernelSession.replyType(for: request.message.header.messageType)
        let message = session.message(type, content: content, parent: request.message.header, metadata: metadata)
        do {
            try transport.send(session.frames(message, identities: request.identities), on: channel.transportChannel)
        } catch {
            log(.error, "cannot send \(type): \(error)")
        }
    }
}
