import Foundation

/// Turns a command-line value (`-p steps=2000`) into a Swift literal of the parameter's type,
/// or fails at once naming the parameter when the value is not one (`-p steps=abc`,
/// `-p steps=0.5` for an `Int`), rather than letting a later cell fail on a `String`.
///
/// Integer types take whole numbers in their range (`10_000`, `-3`); floating-point types
/// take any number (`3`, `0.5`, `1e-3`, `nan`, `inf`); `Bool` takes `true` or `false`;
/// `String` takes anything; `Character` one character; an optional type also takes `nil`.
/// A value for a parameter of any other type, or of none the runner can tell, is guessed:
/// a number or `true`/`false` as it is, anything else as a string literal.
enum ParameterCoercion {
    /// The integer types, each with a check that a text is one of its values.
    private static let integerTypes: [String: (String) -> Bool] = [
        "Int": { Int($0) != nil }, "Int8": { Int8($0) != nil }, "Int16": { Int16($0) != nil },
        "Int32": { Int32($0) != nil }, "Int64": { Int64($0) != nil }, "UInt": { UInt($0) != nil },
        "UInt8": { UInt8($0) != nil }, "UInt16": { UInt16($0) != nil }, "UInt32": { UInt32($0) != nil },
        "UInt64": { UInt64($0) != nil },
    ]
    private static let floatingPointTypes: Set<String> = ["Double", "Float", "Float16", "Float32", "Float64", "Float80", "CGFloat"]
    private static let textTypes: Set<String> = ["String", "Substring"]

    /// The Swift literal for `value` given to `parameter` (declared as `declaration`, whose
    /// type may be nil); the error names the parameter, its type and the value.
    static func literal(_ value: String, for parameter: String, declaration: DeclaredParameter?) throws(NotebookError) -> String {
        guard let type = declaration?.type else { return guessedLiteral(value) }
        return try literal(value, type: type, parameter: parameter, declaration: declaration)
    }

    private static func literal(_ value: String, type: String, parameter: String, declaration: DeclaredParameter?) throws(NotebookError) -> String {
        if type.hasSuffix("?") {
            if value == "nil" { return "nil" }
            return try literal(value, type: String(type.dropLast()), parameter: parameter, declaration: declaration)
        }
        func mismatch(_ why: String) -> NotebookError {
            let declared = declaration.map { d in
                " (declared " + (d.defaultValue.map { "\(d.keyword) \(d.name)\(d.typeIsInferred ? "" : ": \(type)") = \($0)" } ?? "as \(type)")
                    + " in the cell tagged 'parameters')"
            } ?? ""
            return NotebookError("parameter \(parameter) is \(article(type)) \(type)\(declared), but \(why)")
        }
        if let accepts = integerTypes[type] {
            let number = normalizedNumber(value)
            guard accepts(number) else {
                if (try? #/[+-]?[0-9]+/#.wholeMatch(in: number)) != nil {
                    throw mismatch("\(value) is out of \(type)'s range")
                }
                throw mismatch("\"\(value)\" is not a whole number")
            }
            return number
        }
        if floatingPointTypes.contains(type) {
            let number = normalizedNumber(value)
            guard let double = Double(number) else { throw mismatch("\"\(value)\" is not a number") }
            if double.isNaN { return "\(type).nan" }
            if double.isInfinite { return double > 0 ? "\(type).infinity" : "-\(type).infinity" }
            if (try? #/-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/#.wholeMatch(in: number)) != nil { return number }
            return "\(double)"
        }
        if type == "Bool" {
            switch value.lowercased() {
            case "true": return "true"
            case "false": return "false"
            default: throw mismatch("\"\(value)\" is not true or false")
            }
        }
        if textTypes.contains(type) { return stringLiteral(value) }
        if type == "Character" {
            guard value.count == 1 else { throw mismatch("\"\(value)\" is not one character") }
            return stringLiteral(value)
        }
        return guessedLiteral(value)
    }

    /// A number's text without digit separators or a leading `+` (`+10_000` gives `10000`).
    private static func normalizedNumber(_ value: String) -> String {
        let text = value.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: "")
        return text.hasPrefix("+") ? String(text.dropFirst()) : text
    }

    /// "an" before a vowel, else "a" ("an Int", "a Double").
    private static func article(_ type: String) -> String {
        type.first.map { "AEIOU".contains($0) } == true ? "an" : "a"
    }

    /// A literal for a value of a type the runner cannot check: numbers and true/false as
    /// they are, anything else as a string literal.
    static func guessedLiteral(_ value: String) -> String {
        if value == "true" || value == "false" { return value }
        if Int(value) != nil || (Double(value) != nil && value.first.map { $0.isNumber || $0 == "-" || $0 == "." } == true) {
            return value
        }
        return stringLiteral(value)
    }

    /// A Swift string literal holding `value`.
    static func stringLiteral(_ value: String) -> String {
        var escaped = ""
        for character in value.unicodeScalars {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return "\"\(escaped)\""
    }
}
