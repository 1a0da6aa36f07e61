import Foundation

/// A Jupyter message without its transport: header, parent header, metadata and content.
///
/// `content` is any JSON object, so this type carries every `msg_type`; typed content
/// structs live in a higher module. A message that answers no request has no parent
/// header, written `{}` on the wire.
///
/// ```swift
/// let reply = Message(
///     header: MessageHeader(session: session, messageType: "kernel_info_reply"),
///     parentHeader: request.header,
///     content: ["status": "ok", "protocol_version": "5.3"])
/// ```
public struct Message: Equatable, Sendable {
    /// This message's header.
    public var header: MessageHeader
    /// The header of the request this message answers; `nil` is `{}` on the wire.
    public var parentHeader: MessageHeader?
    /// The `metadata` object.
    public var metadata: JSONObject
    /// The `content` object, shaped by `header.messageType`.
    public var content: JSONObject

    /// A message from its four parts; metadata and content default to `{}`.
    public init(
        header: MessageHeader, parentHeader: MessageHeader? = nil, metadata: JSONObject = [:],
        content: JSONObject = [:]
    ) {
        self.header = header
        self.parentHeader = parentHeader
        self.metadata = metadata
        self.content = content
    }

    /// The parent header as the JSON object that goes on the wire (`{}` when absent).
    public var parentHeaderObject: JSONObject {
        parentHeader?.jsonObject ?? [:]
    }
}

extension Message: Codable {
    private enum CodingKeys: String, CodingKey {
        case header, parentHeader = "parent_header", metadata, content
    }

    /// Decodes `{"header": …, "parent_header": …, "metadata": …, "content": …}`;
    /// an empty or absent parent header becomes `nil`, absent metadata or content `{}`.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let parent = try container.decodeIfPresent(JSONObject.self, forKey: .parentHeader) ?? [:]
        self.init(
            header: try container.decode(MessageHeader.self, forKey: .header),
            parentHeader: parent.isEmpty ? nil : try MessageHeader(jsonObject: parent, frame: .parentHeader),
            metadata: try container.decodeIfPresent(JSONObject.self, forKey: .metadata) ?? [:],
            content: try container.decodeIfPresent(JSONObject.self, forKey: .content) ?? [:])
    }

    /// Encodes the four parts, the parent header as `{}` when absent.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(header, forKey: .header)
        try container.encode(parentHeaderObject, forKey: .parentHeader)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(content, forKey: .content)
    }
}
