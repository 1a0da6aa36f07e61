import Foundation

/// The header every Jupyter message carries (messaging spec 5.3, "General message format").
///
/// On the wire the fields are `msg_id`, `session`, `username`, `date`, `msg_type` and
/// `version`; all six are required when a header is read. `date` is written in UTC with
/// microseconds, `2026-11-24T19:24:20.123456Z`, which jupyter_client accepts.
///
/// ```swift
/// let header = MessageHeader(session: sessionID, messageType: "execute_reply")
/// ```
public struct MessageHeader: Equatable, Sendable {
    /// The protocol version this module speaks: `"5.3"`.
    public static let protocolVersion = "5.3"

    /// `msg_id`: unique per message.
    public var messageID: String
    /// `session`: unique per process that sends messages.
    public var session: String
    /// `username`: the user on whose behalf the message is sent.
    public var username: String
    /// `date`: when the message was created, rounded to the microsecond (the wire's precision).
    public var date: Date {
        get { storedDate }
        set { storedDate = JupyterDate.rounded(newValue) }
    }
    private var storedDate: Date
    /// `msg_type`: e.g. `"execute_request"`, `"status"`.
    public var messageType: String
    /// `version`: the protocol version of the sender.
    public var version: String

    /// A header; by default a fresh UUID, the current time and protocol version 5.3.
    /// - Parameters:
    ///   - messageID: `msg_id`; a new lowercase UUID unless given.
    ///   - session: `session`, the sender's session id.
    ///   - username: `username`; `"kernel"` unless given.
    ///   - date: `date`; now unless given. Rounded to the microsecond.
    ///   - messageType: `msg_type`.
    ///   - version: `version`; ``protocolVersion`` unless given.
    public init(
        messageID: String = UUID().uuidString.lowercased(), session: String, username: String = "kernel",
        date: Date = Date(), messageType: String, version: String = MessageHeader.protocolVersion
    ) {
        self.messageID = messageID
        self.session = session
        self.username = username
        self.storedDate = JupyterDate.rounded(date)
        self.messageType = messageType
        self.version = version
    }

    /// The header as the JSON object that goes on the wire.
    public var jsonObject: JSONObject {
        [
            "msg_id": .string(messageID), "session": .string(session), "username": .string(username),
            "date": .string(JupyterDate.format(date)), "msg_type": .string(messageType),
            "version": .string(version),
        ]
    }

    /// Reads a header from its JSON object, naming `frame` in any error.
    ///
    /// Fields other than the six above are ignored.
    /// - Throws: ``WireError/missingHeaderField(_:frame:)`` or
    ///   ``WireError/invalidHeaderField(_:frame:expected:found:)``.
    public init(jsonObject object: JSONObject, frame: WireFrame = .header) throws(WireError) {
        func string(_ key: String) throws(WireError) -> String {
            guard let value = object[key] else { throw .missingHeaderField(key, frame: frame) }
            guard let text = value.stringValue else {
                throw .invalidHeaderField(key, frame: frame, expected: "a string", found: value.kindDescription)
            }
            return text
        }
        let messageID = try string("msg_id")
        let session = try string("session")
        let username = try string("username")
        let dateText = try string("date")
        let messageType = try string("msg_type")
        let version = try string("version")
        guard let date = JupyterDate.parse(dateText) else {
            throw .invalidHeaderField(
                "date", frame: frame, expected: "an ISO 8601 date-time", found: "\"\(dateText)\"")
        }
        self.init(
            messageID: messageID, session: session, username: username, date: date,
            messageType: messageType, version: version)
    }
}

extension MessageHeader: Codable {
    /// Decodes the wire form; a missing or malformed field throws the ``WireError`` that names it.
    public init(from decoder: Decoder) throws {
        try self.init(jsonObject: try JSONObject(from: decoder))
    }

    /// Encodes the wire form (``jsonObject``).
    public func encode(to encoder: Encoder) throws {
        try jsonObject.encode(to: encoder)
    }
}
