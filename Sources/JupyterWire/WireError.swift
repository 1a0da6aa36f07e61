/// One of the four JSON frames of a message, named as the Jupyter spec names it.
public enum WireFrame: String, Sendable, CaseIterable {
    /// The message's own header.
    case header = "header"
    /// The header of the request this message answers (`{}` when none).
    case parentHeader = "parent_header"
    /// Free-form metadata.
    case metadata = "metadata"
    /// The message-type-specific content.
    case content = "content"
}

/// Why a list of ZeroMQ frames is not a valid Jupyter message.
///
/// Each description names the problem and the frame, e.g.
/// `invalid JSON in the content frame`.
public enum WireError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No frame equals `<IDS|MSG>`; `frameCount` frames were received.
    case missingDelimiter(frameCount: Int)
    /// Fewer than five frames (signature and four JSON frames) follow the delimiter.
    case tooFewFrames(afterDelimiter: Int)
    /// The signature frame is not the HMAC of the four JSON frames under the session key.
    case badSignature
    /// A JSON frame is not valid UTF-8 JSON.
    case invalidJSON(frame: WireFrame)
    /// A JSON frame parses but is not an object; `found` is its kind, e.g. "an array".
    case notAnObject(frame: WireFrame, found: String)
    /// A required header field is absent from the header or parent_header frame.
    case missingHeaderField(String, frame: WireFrame)
    /// A header field has the wrong type or form.
    case invalidHeaderField(String, frame: WireFrame, expected: String, found: String)

    /// The text a user reads.
    public var description: String {
        switch self {
        case .missingDelimiter(let count):
            return "no <IDS|MSG> delimiter among the \(count) frames of the message"
        case .tooFewFrames(let count):
            return "too few frames after <IDS|MSG>: got \(count), need 5 "
                + "(signature, header, parent_header, metadata, content)"
        case .badSignature:
            return "bad signature: the HMAC-SHA256 of the message does not match its signature frame "
                + "(do the kernel and the client use the same key?)"
        case .invalidJSON(let frame):
            return "invalid JSON in the \(frame.rawValue) frame"
        case .notAnObject(let frame, let found):
            return "the \(frame.rawValue) frame holds \(found), not a JSON object"
        case .missingHeaderField(let field, let frame):
            return "missing field \"\(field)\" in the \(frame.rawValue) frame"
        case .invalidHeaderField(let field, let frame, let expected, let found):
            return "field \"\(field)\" in the \(frame.rawValue) frame must be \(expected), not \(found)"
        }
    }
}
