import CellSyntax
import Foundation

/// Papermill-style parameters for a Swift notebook: `name=value` pairs become a cell of
/// declarations, inserted after the cell tagged `parameters` (or first), tagged
/// `injected-parameters`. The new declarations shadow the defaults, as a redefinition in a
/// later cell does.
///
/// Each value is checked against the parameter's type in the parameters cell, the written
/// one (`let rate: Float = 0.1`) or the one of its literal default (`let steps = 10` is an
/// `Int`): `-p rate=0.5` gives `let rate: Float = 0.5`, `-p steps=abc` fails naming `steps`.
/// A name the parameters cell does not declare is injected all the same, with a warning.
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

    /// A warning for each given name that `declared` (the parameters cell's declarations, nil
    /// when the notebook has no cell tagged `parameters`) does not hold, naming the
    /// notebook's parameters and the likeliest intended one.
    public func unknownNameWarnings(declared: [DeclaredParameter]?) -> [String] {
        let known = declared?.map(\.name) ?? []
        return values.map(\.name).filter { !known.contains($0) }.map { name in
            guard declared != nil else {
                return "warning: parameter \(name) is injected, but the notebook has no cell tagged 'parameters'"
            }
            let suggestion = NameSuggestion.closest(to: name, among: known).map { " (did you mean \($0)?)" } ?? ""
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            return "warning: unknown parameter \(name)\(suggestion): the notebook's parameters are \(list); \(name) is injected anyway"
        }
    }

    /// The Swift source of the injected cell, given the parameters cell's declarations (nil
    /// when there is none); the error names the first value that is not of its parameter's type.
    func injectedSource(declared: [DeclaredParameter]?) throws(NotebookError) -> String {
        var lines = ["// Parameters injected by swift-margin run"]
        for (name, value) in values {
            let declaration = declared?.first { $0.name == name }
            let literal = try ParameterCoercion.literal(value, for: name, declaration: declaration)
            let type = declaration?.type.map { ": \($0)" } ?? ""
            lines.append("\(declaration?.keyword ?? "let") \(name)\(type) = \(literal)")
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
}
