import Foundation

/// A message as ZeroMQ frames: the layout of the Jupyter wire protocol.
///
/// ```
/// [identity, …, "<IDS|MSG>", signature, header, parent_header, metadata, content, buffer, …]
/// ```
/// The identities are the ROUTER socket's routing prefix (replies carry the request's
/// identities back; IOPub uses them as topics). The signature is the HMAC of the four
/// JSON frames (see ``MessageSigner``). Buffers are raw bytes that are not signed.
///
/// ```swift
/// let frames = WireMessage(identities: request.identities, message: reply).encode(signer: signer)
/// try socket.send(frames)
/// let received = try WireMessage.decode(frames: try socket.receive(), signer: signer)
/// ```
public struct WireMessage: Equatable, Sendable {
    /// The frame that separates the routing identities from the message: `<IDS|MSG>`.
    public static let delimiter = Data("<IDS|MSG>".utf8)

    /// The routing identities before the delimiter (may be empty).
    public var identities: [Data]
    /// The message itself.
    public var message: Message
    /// Extra binary buffers after the content frame.
    public var buffers: [Data]

    /// A wire message from its parts; identities and buffers default to none.
    public init(identities: [Data] = [], message: Message, buffers: [Data] = []) {
        self.identities = identities
        self.message = message
        self.buffers = buffers
    }

    /// The frames to send, signed with `signer`.
    ///
    /// JSON frames are compact with sorted keys (``JSONValue/serialized()``).
    public func encode(signer: MessageSigner) -> [Data] {
        let parts = [
            JSONValue.object(message.header.jsonObject).serialized(),
            JSONValue.object(message.parentHeaderObject).serialized(),
            JSONValue.object(message.metadata).serialized(),
            JSONValue.object(message.content).serialized(),
        ]
        let signature = Data(signer.signature(for: parts).utf8)
        return identities + [Self.delimiter, signature] + parts + buffers
    }

    /// Reads received frames, checking the signature over the JSON frames' bytes as received
    /// before parsing them.
    ///
    /// - Parameters:
    ///   - frames: every frame of one multipart ZeroMQ message.
    ///   - signer: the session's signer; ``MessageSigner/unsigned`` accepts any signature.
    /// - Throws: a ``WireError`` naming what is wrong, checked in this order: delimiter,
    ///   frame count, signature, JSON of each frame, header fields.
    public static func decode(frames: [Data], signer: MessageSigner) throws(WireError) -> WireMessage {
        guard let delimiterIndex = frames.firstIndex(of: delimiter) else {
            throw .missingDelimiter(frameCount: frames.count)
        }
        let rest = Array(frames[(delimiterIndex + 1)...])
        guard rest.count >= 5 else { throw .tooFewFrames(afterDelimiter: rest.count) }
        let signed = Array(rest[1...4])
        guard signer.verify(rest[0], for: signed) else { throw .badSignature }

        let header = try object(in: signed[0], frame: .header)
        let parent = try object(in: signed[1], frame: .parentHeader)
        let metadata = try object(in: signed[2], frame: .metadata)
        let content = try object(in: signed[3], frame: .content)
        let message = Message(
            header: try MessageHeader(jsonObject: header, frame: .header),
            parentHeader: parent.isEmpty ? nil : try MessageHeader(jsonObject: parent, frame: .parentHeader),
            metadata: metadata,
            content: content)
        return WireMessage(
            identities: Array(frames[..<delimiterIndex]), message: message, buffers: Array(rest[5...]))
    }

    private static func object(in data: Data, frame: WireFrame) throws(WireError) -> JSONObject {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: data)
        } catch {
            throw .invalidJSON(frame: frame)
        }
        guard let object = value.objectValue else {
            throw .notAnObject(frame: frame, found: value.kindDescription)
        }
        return object
    }
}
