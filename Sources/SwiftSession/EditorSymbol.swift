import Foundation

/// One completion item of the language server, read into what completion and inspection show:
/// the name a match inserts, its kind in words, a Swift signature and the documentation.
///
/// sourcekit-lsp labels a function `print(items: Any..., separator: String)` (internal names,
/// no `_`), with the result type as `detail` and the argument labels in `filterText`
/// (`print(:separator:)`); the signature puts the `_` back: `func print(_ items: Any..., separator: String)`.
struct EditorSymbol: Equatable {
    /// The name (a function's base name): what a completion match inserts.
    var name: String
    /// The item's label, e.g. `squareRoot()`.
    var label: String
    /// The LSP `CompletionItemKind`.
    var kind: Int
    /// The type (or a function's result type).
    var detail: String
    /// The argument labels, e.g. `print(:separator:)`.
    var filterText: String?
    var documentation: String?
    /// The server's ranking key.
    var sortText: String

    /// Reads a completion item; nil when it has no label.
    init?(item: LSPCompletionItem) {
        guard let label = item.label, !label.isEmpty else { return nil }
        self.label = label
        kind = item.kind ?? 1
        detail = item.detail ?? ""
        filterText = item.filterText
        sortText = item.sortText ?? label
        documentation = item.documentation?.value
        if documentation?.isEmpty == true { documentation = nil }
        name = label.firstIndex(of: "(").map { String(label[..<$0]) } ?? label
    }

    /// Whether a completion match may offer it: a name (not a subscript or an operator).
    var isName: Bool {
        guard let first = name.unicodeScalars.first else { return false }
        return first == "_" || first == "$" || first == "`" || first.properties.isXIDStart
    }

    /// The kind in words, for `_jupyter_types_experimental` (IPython's words where they fit).
    var kindName: String {
        switch kind {
        case 2: "method"
        case 3: "function"
        case 4: "initializer"
        case 5, 10: "property"
        case 6: "variable"
        case 7: "class"
        case 8: "protocol"
        case 9: "module"
        case 13: "enum"
        case 14: "keyword"
        case 20: "enum case"
        case 21: "constant"
        case 22: "struct"
        case 24: "operator"
        case 25: "type parameter"
        default: "text"
        }
    }

    /// A Swift declaration for it: `func squareRoot() -> Double`, `var parameterCount: Int`,
    /// `case l2`, `struct Norm`.
    var signature: String {
        switch kind {
        case 2, 3:
            return "func " + labelWithUnderscores + (detail.isEmpty || detail == "Void" ? "" : " -> " + detail)
        case 4:
            return labelWithUnderscores
        case 5, 6, 10, 21:
            return (kind == 21 ? "let " : "var ") + label + (detail.isEmpty ? "" : ": " + detail)
        case 20:
            return "case " + label
        case 7, 8, 13, 22:
            let keyword = [7: "class", 8: "protocol", 13: "enum", 22: "struct"][kind]!
            return keyword + " " + (detail.hasPrefix(label) ? detail : label)
        case 9:
            return "import " + label
        default:
            return detail.isEmpty || detail == label ? label : label + ": " + detail
        }
    }

    /// The parameters of a function's label, split at the commas between them.
    var parameters: [String] {
        guard let open = label.firstIndex(of: "(") else { return [] }
        let inner = label[label.index(after: open)...]
        var parts: [String] = []
        var depth = 0
        var current = ""
        for character in inner {
            if character == ">" && current.last == "-" {  // "->" closes nothing
                current.append(character)
                continue
            }
            switch character {
            case "(", "[", "<": depth += 1
            case ")", "]", ">":
                if depth == 0 {
                    let last = current.trimmingCharacters(in: .whitespaces)
                    if !last.isEmpty { parts.append(last) }
                    return parts
                }
                depth -= 1
            case "," where depth == 0:
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        return parts
    }

    /// The label with `_ ` before each parameter that has no argument label (known from
    /// `filterText`), so it reads as Swift: `print(_ items: Any...)`.
    var labelWithUnderscores: String {
        guard let filterText, let open = filterText.firstIndex(of: "("), let close = filterText.lastIndex(of: ")"),
              let labelOpen = label.firstIndex(of: "(") else { return label }
        let argumentLabels = filterText[filterText.index(after: open)..<close].split(separator: ":", omittingEmptySubsequences: false)
            .dropLast().map(String.init)
        let parameters = self.parameters
        guard argumentLabels.count == parameters.count, !parameters.isEmpty else { return label }
        let fixed = zip(argumentLabels, parameters).map { argumentLabel, parameter in
            argumentLabel.isEmpty && !parameter.hasPrefix("_ ") ? "_ " + parameter : parameter
        }
        let suffix = label[label.index(after: labelOpen)...].drop { $0 != ")" }  // ") throws", ")"
        return String(label[..<labelOpen]) + "(" + fixed.joined(separator: ", ") + closingPart(suffix)
    }

    /// What follows the parameter list (`)` and effects such as ` throws`), found at bracket
    /// depth zero.
    private func closingPart(_ fallback: Substring) -> String {
        guard let open = label.firstIndex(of: "(") else { return String(fallback) }
        var depth = 0
        var index = open
        while index < label.endIndex {
            let character = label[index]
            if character == "(" || character == "[" { depth += 1 }
            if character == ")" || character == "]" {
                depth -= 1
                if depth == 0 { return String(label[index...]) }
            }
            index = label.index(after: index)
        }
        return String(fallback)
    }
}
