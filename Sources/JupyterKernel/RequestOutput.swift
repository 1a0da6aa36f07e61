import Foundation
import JupyterWire

/// The ``ExecutionOutput`` of one request (`execute_request`, `comm_open`, `comm_msg`,
/// `comm_close`): publishes on IOPub with the request as parent, keeps the comm table up to
/// date, and asks for input on stdin at the request's identities. Thread-safe.
final class RequestOutput: ExecutionOutput, @unchecked Sendable {
    private let iopub: IOPubPublisher
    private let stdin: StdinChannel
    private let comms: CommTable
    private let log: KernelLog
    private let parent: MessageHeader
    private let identities: [Data]
    private let allowStdin: Bool

    init(
        iopub: IOPubPublisher, stdin: StdinChannel, comms: CommTable, log: KernelLog, request: WireMessage,
        allowStdin: Bool
    ) {
        self.iopub = iopub
        self.stdin = stdin
        self.comms = comms
        self.log = log
        self.parent = request.message.header
        self.identities = request.identities
        self.allowStdin = allowStdin
    }

    var parentMessageID: String { parent.messageID }

    func stream(_ name: StreamName, _ text: String) {
        iopub.publish("stream", content: ["name": .string(name.rawValue), "text": .string(text)], parent: parent)
    }

    func display(_ bundle: MIMEBundle, displayID: String?) {
        var transient: JSONObject = [:]
        if let displayID { transient["display_id"] = .string(displayID) }
        iopub.publish(
            "display_data",
            content: ["data": .object(bundle.data), "metadata": .object(bundle.metadata), "transient": .object(transient)],
            parent: parent)
    }

    func updateDisplay(_ bundle: MIMEBundle, displayID: String) {
        iopub.publish(
            "update_display_data",
            content: [
                "data": .object(bundle.data), "metadata": .object(bundle.metadata),
                "transient": ["display_id": .string(displayID)],
            ],
            parent: parent)
    }

    func clearOutput(wait: Bool) {
        iopub.publish("clear_output", content: ["wait": .bool(wait)], parent: parent)
    }

    @discardableResult
    func openComm(_ open: CommOpen) -> Bool {
        guard comms.open(open.commID, target: open.targetName) else {
            log(.warning, "comm \(open.commID) is open already; its second comm_open is not sent")
            return false
        }
        iopub.publish("comm_open", content: open.content, parent: parent, metadata: open.metadata, buffers: open.buffers)
        return true
    }

    @discardableResult
    func sendCommMessage(_ message: CommMessage) -> Bool {
        guard comms.target(of: message.commID) != nil else {
            log(.warning, "comm_msg on comm \(message.commID), which is not open; not sent")
            return false
        }
        publish("comm_msg", message)
        return true
    }

    @discardableResult
    func closeComm(_ message: CommMessage) -> Bool {
        guard comms.close(message.commID) else {
            log(.warning, "comm_close of comm \(message.commID), which is not open; not sent")
            return false
        }
        publish("comm_close", message)
        return true
    }

    private func publish(_ type: String, _ message: CommMessage) {
        iopub.publish(type, content: message.content, parent: parent, metadata: message.metadata, buffers: message.buffers)
    }

    func readInput(prompt: String, password: Bool) -> String? {
        guard allowStdin else { return nil }
        return stdin.readInput(prompt: prompt, password: password, identities: identities, parent: parent)
    }
}
