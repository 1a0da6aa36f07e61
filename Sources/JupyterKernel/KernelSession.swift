import Foundation
import JupyterWire

/// The kernel's messaging identity: one session id (a UUID per kernel), the username
/// `"kernel"` and the connection's signer. Builds every message the kernel sends.
struct KernelSession: Sendable {
    /// The `session` of every header the kernel writes.
    let id: String
    /// Signs outgoing and verifies incoming messages.
    let signer: MessageSigner

    init(signer: MessageSigner, id: String = UUID().uuidString.lowercased()) {
        self.id = id
        self.signer = signer
    }

    /// A new message of `type` answering `parent` (none for `starting`).
    func message(
        _ type: String, content: JSONObject, parent: MessageHeader?, metadata: JSONObject = [:]
    ) -> Message {
        Message(
            header: MessageHeader(session: id, username: "kernel", messageType: type),
            parentHeader: parent, metadata: metadata, content: content)
    }

    /// The signed frames of `message`, routed to `identities`, with `buffers` after the content.
    func frames(_ message: Message, identities: [Data], buffers: [Data] = []) -> [Data] {
        WireMessage(identities: identities, message: message, buffers: buffers).encode(signer: signer)
    }

    /// The reply type of a request type: `execute_request` -> `execute_reply`;
    /// any other name gets `_reply` appended after its last `_`-separated word is dropped,
    /// as ipykernel does.
    static func replyType(for requestType: String) -> String {
        if requestType.hasSuffix("_request") { return String(requestType.dropLast("_request".count)) + "_reply" }
        guard let underscore = requestType.lastIndex(of: "_") else { return requestType + "_reply" }
        return String(requestType[..<underscore]) + "_reply"
    }
}
