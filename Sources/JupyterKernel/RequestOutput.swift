import Foundation
import JupyterWire

/// The ``ExecutionOutput`` of one `execute_request`: publishes on IOPub with the request as
/// parent, and asks for input on stdin at the request's identities. Thread-safe.
final class RequestOutput: ExecutionOutput, @unchecked Sendable {
    private let iopub: IOPubPublisher
    private let stdin: StdinChannel
    private let parent: MessageHeader
    private let identities: [Data]
    private let allowStdin: Bool

    init(iopub: IOPubPublisher, stdin: StdinChannel, request: WireMessage, allowStdin: Bool) {
        self.iopub = iopub
        self.stdin = stdin
        self.parent = request.message.header
        self.identities = request.identities
        self.allowStdin = allowStdin
    }

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

    func readInput(prompt: String, password: Bool) -> String? {
        guard allowStdin else { return nil }
        return stdin.readInput(prompt: prompt, password: password, identities: identities, parent: parent)
    }
}
