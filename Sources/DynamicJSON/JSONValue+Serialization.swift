import Foundation

extension JSONValue {
    /// Parses UTF-8 JSON text (any value, not only objects).
    ///
    /// ```swift
    /// let value = try JSONValue(parsing: Data(#"{"a": [1, 2.5]}"#.utf8))
    /// ```
    /// - Throws: the `DecodingError` Foundation's `JSONDecoder` reports.
    public init(parsing data: Data) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: data)
    }

    /// Compact UTF-8 JSON text with object keys sorted, so equal values give equal bytes.
    ///
    /// Strings escape `"`, `\` and control characters and keep other characters as UTF-8;
    /// doubles use Swift's shortest round-tripping form; `NaN` and infinities become `null`.
    ///
    /// ```swift
    /// String(decoding: (["b": 1, "a": [true, nil]] as JSONValue).serialized(), as: UTF8.self)
    /// // {"a":[true,null],"b":1}
    /// ```
    public func serialized() -> Data {
        var text = ""
        write(to: &text)
        return Data(text.utf8)
    }

    private func write(to text: inout String) {
        switch self {
        case .null:
            text += "null"
        case .bool(let value):
            text += value ? "true" : "false"
        case .int(let value):
            text += String(value)
        case .double(let value):
            text += value.isFinite ? value.description : "null"
        case .string(let value):
            Self.writeString(value, to: &text)
        case .array(let elements):
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                element.write(to: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                Self.writeString(key, to: &text)
                text += ":"
                members[key]!.write(to: &text)
            }
            text += "}"
        }
    }

    /// Appends `string` as a JSON string literal: `"`, `\` and control characters escaped.
    static func writeString(_ string: String, to text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
