import DynamicJSON
import Foundation

/// One message of a comm: a channel between an object in the session and one in the front end
/// (Jupyter's `comm_open`, `comm_msg` and `comm_close`), which widgets are built on. `data` is
/// a JSON object; `buffers` are raw bytes that travel beside it (an image's pixels).
public enum CommEvent: Codable, Sendable, Equatable {
    /// A comm opens to the other side's `targetName` handler.
    case open(commID: String, targetName: String, data: JSONValue, metadata: JSONValue, buffers: [Data])
    /// A message on an open comm.
    case message(commID: String, data: JSONValue, buffers: [Data])
    /// The comm closes.
    case close(commID: String, data: JSONValue)

    /// The comm the event belongs to.
    public var commID: String {
        switch self {
        case .open(let id, _, _, _, _), .message(let id, _, _), .close(let id, _): id
        }
    }
}
