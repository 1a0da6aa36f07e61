import Foundation
import JupyterWire

/// A `comm_msg` or `comm_close` of an open comm, in either direction: the comm's id and the
/// message's data, metadata and binary buffers.
///
/// From the frontend it reaches ``KernelBackend/commMessage(_:output:)`` or
/// ``KernelBackend/commClose(_:output:)``; the backend sends one with
/// ``ExecutionOutput/sendCommMessage(_:)`` or ``ExecutionOutput/closeComm(_:)``.
///
/// ```swift
/// output.sendCommMessage(CommMessage(commID: id, data: ["method": "update", "state": ["value": 4]]))
/// ```
public struct CommMessage: Sendable, Equatable {
    /// The comm's id (`comm_id`), as given by its comm_open.
    public var commID: String
    /// The message's `data`: any JSON object (a widget's `{method, state, buffer_paths}`, …).
    public var data: JSONObject
    /// The message's `metadata`.
    public var metadata: JSONObject
    /// Binary buffers sent after the content frame, unsigned and unchanged.
    public var buffers: [Data]

    /// A message on the comm `commID`.
    public init(commID: String, data: JSONObject = [:], metadata: JSONObject = [:], buffers: [Data] = []) {
        self.commID = commID
        self.data = data
        self.metadata = metadata
        self.buffers = buffers
    }

    /// The `comm_msg` and `comm_close` content: `{comm_id, data}`.
    var content: JSONObject {
        ["comm_id": .string(commID), "data": .object(data)]
    }
}
