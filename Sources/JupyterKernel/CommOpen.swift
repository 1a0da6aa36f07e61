import Foundation
import JupyterWire

/// A `comm_open`: the start of a comm, a two-way channel of JSON messages between an object in
/// the kernel and one in the frontend (a Jupyter widget's model, for one).
///
/// The frontend sends it on shell to reach a *target* the kernel registered (the backend
/// decides, see ``KernelBackend/commOpen(_:output:)``); the backend sends it to the frontend
/// through ``ExecutionOutput/openComm(_:)``, published on IOPub.
///
/// ```swift
/// let open = CommOpen(targetName: "jupyter.widget", data: ["state": ["value": 3]], buffers: [pixels])
/// output.openComm(open)    // -> iopub comm_open {comm_id, target_name, data}, buffers as frames
/// ```
public struct CommOpen: Sendable, Equatable {
    /// The comm's id (`comm_id`), unique per kernel session; later messages name the comm by it.
    public var commID: String
    /// The registered name the comm is opened for (`target_name`), e.g. `jupyter.widget`.
    public var targetName: String
    /// Where the receiving side may load the target from (`target_module`); usually `nil`.
    public var targetModule: String?
    /// The message's `data`: any JSON object the target needs to set the comm up.
    public var data: JSONObject
    /// The message's `metadata` (ipywidgets puts its protocol `version` there).
    public var metadata: JSONObject
    /// Binary buffers sent after the content frame, unsigned and unchanged.
    public var buffers: [Data]

    /// A comm_open from its parts; `commID` defaults to a new id (32 lowercase hex digits, as
    /// ipykernel makes them).
    public init(
        commID: String = CommOpen.newCommID(), targetName: String, targetModule: String? = nil,
        data: JSONObject = [:], metadata: JSONObject = [:], buffers: [Data] = []
    ) {
        self.commID = commID
        self.targetName = targetName
        self.targetModule = targetModule
        self.data = data
        self.metadata = metadata
        self.buffers = buffers
    }

    /// A new comm id: a random UUID's 32 lowercase hex digits.
    public static func newCommID() -> String {
        UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// The `comm_open` content: `{comm_id, target_name, data}`, and `target_module` when given.
    var content: JSONObject {
        var content: JSONObject = [
            "comm_id": .string(commID), "target_name": .string(targetName), "data": .object(data),
        ]
        if let targetModule { content["target_module"] = .string(targetModule) }
        return content
    }
}
