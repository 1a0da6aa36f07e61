import CellSyntax
import Foundation

/// A parameter a notebook declares in its cell tagged `parameters`, such as
/// `let seeds = 10            // how many seeds the models are compared over`:
/// its name, its type (written, or inferred from a literal default), its default and the
/// trailing `//` comment as its help.
public struct DeclaredParameter: Sendable, Equatable {
    /// The declared name (`seeds`).
    public var name: String
    /// `let` or `var`, as declared (an injected value is declared the same way).
    public var keyword: String
    /// The type: the one written (`let rate: Float = 0.1` gives `Float`), else the one of a
    /// literal default (`Int`, `Double`, `Bool`, `String`), else nil (say `.twoMoons()`).
    public var type: String?
    /// Whether `type` was inferred from the default rather than written.
    public var typeIsInferred: Bool
    /// The default's source text (`10_000`), or nil when the declaration spans lines.
    public var defaultValue: String?
    /// The trailing `//` comment, without its slashes (empty when there is none).
    public var help: String

    /// A parameter with all of its fields.
    public init(name: String, keyword: String = "let", type: String?, typeIsInferred: Bool = false,
                defaultValue: String?, help: String = "") {
        self.name = name
        self.keyword = keyword
        self.type = type
        self.typeIsInferred = typeIsInferred
        self.defaultValue = defaultValue
        self.help = help
    }

    /// The parameters a cell declares, in order: every `let` and `var` the cell declares,
    /// with type, default and help read from its line when it is one declaration on one line.
    public static func parameters(inCell source: String) -> [DeclaredParameter] {
        var parsed: [String: DeclaredParameter] = [:]
        for line in source.split(separator: "\n", omittingEmptySubsequences: true) {
            if let parameter = parse(line: String(line)), parsed[parameter.name] == nil {
                parsed[parameter.name] = parameter
            }
        }
        var seen = Set<String>()
        var result: [DeclaredParameter] = []
        for declared in CellAnalyzer.analyze(source).declaredNames where declared.kind.isVariable {
            guard seen.insert(declared.name).inserted else { continue }
            result.append(parsed[declared.name] ?? DeclaredParameter(
                name: declared.name, keyword: declared.kind.rawValue,
                type: NotebookParameters.explicitType(in: declared.signature), defaultValue: nil))
        }
        return result
    }

    /// One `let name[: Type] = value [// help]` line, or nil when the line is not that.
    static func parse(line: String) -> DeclaredParameter? {
        let (code, help) = splitTrailingComment(line)
        let pattern = #/\s*(let|var)\s+([A-Za-z_][A-Za-z0-9_]*)\s*(?::\s*([^=]+?))?\s*=\s*(.+?)\s*/#
        guard let match = try? pattern.wholeMatch(in: code) else { return nil }
        let value = String(match.output.4)
        // `let a = 1, b = 2` and the like: a name's default is not the rest of the line.
        guard !value.contains("=") || value.hasPrefix("\"") else { return nil }
        let written = match.output.3.map { String($0).trimmingCharacters(in: .whitespaces) }
        let inferred = written == nil ? literalType(of: value) : nil
        return DeclaredParameter(
            name: String(match.output.2), keyword: String(match.output.1), type: written ?? inferred,
            typeIsInferred: inferred != nil, defaultValue: value, help: help)
    }

    /// The type Swift gives a literal with no context: `Int` for `10_000` or `0x1F`,
    /// `Double` for `0.1` or `1e-3`, `Bool` for `true`, `String` for `"moons"`; nil otherwise.
    static func literalType(of value: String) -> String? {
        let text = value.hasPrefix("-") ? String(value.dropFirst()) : value
        if value == "true" || value == "false" { return "Bool" }
        if (try? #/[0-9][0-9_]*|0x[0-9a-fA-F][0-9a-fA-F_]*|0o[0-7][0-7_]*|0b[01][01_]*/#.wholeMatch(in: text)) != nil {
            return "Int"
        }
        if (try? #/[0-9][0-9_]*(\.[0-9][0-9_]*)?([eE][+-]?[0-9][0-9_]*)?/#.wholeMatch(in: text)) != nil {
            return "Double"
        }
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\""), !value.hasPrefix("\"\"\"") {
            return "String"
        }
        return nil
    }

    /// A line split at its first `//` outside a string literal: the code and the comment's
    /// text (trimmed; empty when there is no comment).
    static func splitTrailingComment(_ line: String) -> (code: String, comment: String) {
        var inString = false
        var escaped = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { inString = false }
            } else if character == "\"" {
                inString = true
            } else if character == "/", line.index(after: index) < line.endIndex, line[line.index(after: index)] == "/" {
                let comment = line[line.index(index, offsetBy: 2)...].trimmingCharacters(in: .whitespaces)
                return (String(line[..<index]), comment)
            }
            index = line.index(after: index)
        }
        return (line, "")
    }
}
