import DynamicJSON
import Foundation

/// One entry of a results file's per-seed list: a number, a text (`chosen`'s
/// "weightDecay=0.001"), a truth value, or null (a value that was not finite).
public enum ResultValue: Sendable, Equatable, Codable {
    /// A whole number, as the file wrote it (`1`).
    case integer(Int)
    /// Any other number.
    case number(Double)
    /// A text.
    case text(String)
    /// true or false.
    case truth(Bool)
    /// null.
    case null

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .truth(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else {
            // A nested list or object: kept as its compact JSON text.
            let nested = try container.decode(JSONValue.self)
            self = .text(String(decoding: nested.serialized(), as: UTF8.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .integer(let value): try container.encode(value)
        case .number(let value): if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        case .text(let value): try container.encode(value)
        case .truth(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }

    /// The value as a number, for means and plots (nil for texts, truth values and null).
    public var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value.isFinite ? value : nil
        default: nil
        }
    }

    /// The value as a CSV field's text: numbers in Swift's shortest exact form, null empty.
    public var text: String {
        switch self {
        case .integer(let value): String(value)
        case .number(let value): value.isFinite ? String(value) : ""
        case .text(let value): value
        case .truth(let value): value ? "true" : "false"
        case .null: ""
        }
    }
}
