/// Why a kernel connection file cannot be used.
///
/// ```swift
/// ConnectionFileError.missingField("shell_port").description
/// // connection file is missing the field "shell_port"
/// ```
public enum ConnectionFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No file exists at the path.
    case fileNotFound(path: String)
    /// The file exists but could not be read; `reason` is the system's text.
    case unreadable(path: String, reason: String)
    /// The text is not valid JSON.
    case invalidJSON
    /// The JSON is valid but not an object; `found` is its kind, e.g. "an array".
    case notAnObject(found: String)
    /// A required field is absent.
    case missingField(String)
    /// A field has the wrong type or value; `expected` says what it should be.
    case invalidField(String, expected: String, found: String)
    /// `signature_scheme` is not `"hmac-sha256"` and the key is not empty.
    case unsupportedSignatureScheme(String)
    /// `transport` is neither `"tcp"` nor `"ipc"`.
    case unsupportedTransport(String)

    /// The text a user reads.
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "connection file not found: \(path)"
        case .unreadable(let path, let reason):
            return "cannot read connection file \(path): \(reason)"
        case .invalidJSON:
            return "connection file is not valid JSON"
        case .notAnObject(let found):
            return "connection file holds \(found), not a JSON object"
        case .missingField(let field):
            return "connection file is missing the field \"\(field)\""
        case .invalidField(let field, let expected, let found):
            return "connection file field \"\(field)\" must be \(expected), not \(found)"
        case .unsupportedSignatureScheme(let scheme):
            return "unsupported signature scheme \"\(scheme)\": only \"hmac-sha256\" is supported "
                + "(or an empty key, which turns signing off)"
        case .unsupportedTransport(let transport):
            return "unsupported transport \"\(transport)\": only \"tcp\" and \"ipc\" are supported"
        }
    }
}
