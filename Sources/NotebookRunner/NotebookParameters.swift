import CellSyntax
import Foundation

/// Papermill-style parameters for a Swift notebook: `name=value` pairs become a cell of
/// declarations, inserted after the cell tagged `parameters` (or first), tagged
/// `injected-parameters`. The new declarations shadow the defaults, as a redefinition in a
/// later cell does. A name declared with a type in the parameters cell keeps that type
/// (`let rate: Float = 0.1` and `-p rate=0.5` give `let rate: Float = 0.5`).
public struct NotebookParameters {
    /// The parameters in the order given.
    public let values: [(name: String, value: String)]

    /// Parses `name=value` arguments; the error names the malformed one.
    public init(arguments: [String]) throws(NotebookError) {
        var values: [(String, String)] = []
        for argument in arguments {
            guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else {
                throw NotebookError("a parameter is name=value, not \"\(argument)\"")
            }
            let name = String(argument[..<equals])
            guard name.first.map({ $0.isLetter || $0 == "_" }) == true, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw NotebookError("\"\(name)\" is not a Swift name (parameter \"\(argument)\")")
            }
            values.append((name, String(argument[argument.index(after: equals)...])))
        }
        self.values = values
    }

    /// The Swift source of the injected cell, given the source of the parameters cell.
    func injectedSource(parametersCell: String?) -> String {
        let declared = parametersCell.map { CellAnalyzer.analyze($0).declaredNames } ?? []
        var lines = ["// Parameters injected by swift-margin run"]
        for (name, value) in values {
            let type = declared.first { $0.name == name }.flatMap { Self.explicitType(in: $0.signature) }
            let literal = Self.literal(value, type: type)
            lines.append("let \(name)\(type.map { ": \($0)" } ?? "") = \(literal)")
        }
        return lines.joined(separator: "\n")
    }

    /// The type written in a declaration such as "let rate: Float = 0.1" ("Float"), if any.
    static func explicitType(in signature: String) -> String? {
        guard let colon = signature.firstIndex(of: ":") else { return nil }
        let head = signature[..<colon]
        guard head.hasPrefix("let ") || head.hasPrefix("var "), !head.contains("=") else { return nil }
        let rest = signature[signature.index(after: colon)...]
        let type = rest.split(separator: "=", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        return type.isEmpty ? nil : type
    }

    /// A Swift literal for a command-line value: numbers and true/false as they are (when the
    /// declared type, if any, takes them), anything else as a string literal.
    static func literal(_ value: String, type: String?) -> String {
        let textTypes: Set<String> = ["String", "Character", "Substring"]
        if let type, textTypes.contains(type) { return stringLiteral(value) }
        if value == "true" || value == "false" { return value }
        if Int(value) != nil || (Double(value) != nil && value.first.map { $0.isNumber || $0 == "-" || $0 == "." } == true) {
            return value
        }
        return stringLiteral(value)
    }

    private static func stringLiteral(_ value: String) -> String {
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
