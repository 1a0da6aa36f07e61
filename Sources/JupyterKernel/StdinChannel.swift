import Foundation
import JupyterWire

/// The stdin channel: sends `input_request` to the frontend that sent the running
/// `execute_request` and waits for its `input_reply`.
///
/// One input is asked at a time (a lock serialises callers). The wait polls in short slices,
/// so ``cancelPendingInput()`` (an interrupt) or the server stopping ends it with `nil`.
final class StdinChannel: @unchecked Sendable {
    /// How long one poll of the wait lasts; bounds how late a cancel is noticed.
    static let pollSlice: Duration = .milliseconds(20)

    private let channelLock = NSLock()
    private let stateLock = NSLock()
    private let transport: KernelTransport
    private let receiver: PollingReceiver
    private let session: KernelSession
    private let state: ServerState
    private let log: KernelLog
    private var closed = false
    private var waiting = false
    private var cancelled = false

    init(transport: KernelTransport, session: KernelSession, state: ServerState, log: KernelLog) {
        self.transport = transport
        self.receiver = PollingReceiver(transport: transport, channel: .stdin, pollSlice: Self.pollSlice, log: log)
        self.session = session
        self.state = state
        self.log = log
    }

    /// Asks the frontend behind `identities` for a line, with `parent` (the execute request's
    /// header) as parent; the reply's `value`, or `nil` if cancelled, stopped or broken.
    func readInput(prompt: String, password: Bool, identities: [Data], parent: MessageHeader) -> String? {
        channelLock.lock()
        defer { channelLock.unlock() }
        guard !closed else { return nil }
        stateLock.withLock {
            waiting = true
            cancelled = false
        }
        defer { stateLock.withLock { waiting = false } }
        do {
            // Replies to earlier, abandoned requests must not answer this one.
            while let stale = try transport.receive(on: .stdin, timeout: .zero) {
                log(.debug, "stdin: dropped a stale message of \(stale.count) frames")
            }
            let request = session.message(
                "input_request", content: ["prompt": .string(prompt), "password": .bool(password)], parent: parent)
            try transport.send(session.frames(request, identities: identities), on: .stdin)
            log(.debug, "stdin: sent input_request \(request.header.messageID)")
            func keepWaiting() -> Bool {
                if stateLock.withLock({ cancelled }) {
                    log(.info, "stdin: input request cancelled by an interrupt")
                    return false
                }
                return !state.isStopping
            }
            while true {
                guard let frames = try receiver.receive(while: keepWaiting) else { return nil }
                guard let reply = IncomingMessage.decode(frames, channel: "stdin", signer: session.signer, log: log)
                else { continue }
                guard reply.message.header.messageType == "input_reply" else {
                    log(.warning, "stdin: ignored \(reply.message.header.messageType) while waiting for input_reply")
                    continue
                }
                if let parentID = reply.message.parentHeader?.messageID, parentID != request.header.messageID {
                    log(.warning, "stdin: ignored an input_reply to another input_request (\(parentID))")
                    continue
                }
                return reply.message.content["value"]?.stringValue ?? ""
            }
        } catch {
            log(.error, "stdin: \(error)")
            return nil
        }
    }

    /// Ends a pending ``readInput(prompt:password:identities:parent:)`` with `nil`; does nothing
    /// when no input is awaited.
    func cancelPendingInput() {
        stateLock.withLock {
            if waiting { cancelled = true }
        }
    }

    /// Ends any pending wait and waits for it to return; later reads return `nil` (the
    /// transport is about to close).
    func close() {
        cancelPendingInput()
        channelLock.withLock { closed = true }
    }
}
