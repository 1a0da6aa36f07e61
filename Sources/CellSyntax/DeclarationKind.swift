/// What sort of name a cell declares; the raw value is the Swift keyword that declares it.
public enum DeclarationKind: String, Sendable, Equatable, CaseIterable {
    case variable = "var"
    case constant = "let"
    case function = "func"
    case structure = "struct"
    case `class` = "class"
    case enumeration = "enum"
    case `protocol` = "protocol"
    case typeAlias = "typealias"
    case actor = "actor"

    /// Whether it is a `var` or a `let`: a name with a value the cell computes when it runs.
    public var isVariable: Bool {
        self == .variable || self == .constant
    }

    /// The keyword that imports one such declaration alone: `import <keyword> Module.name`.
    ///
    /// Swift's import kinds are `typealias struct class enum protocol let var func`
    /// (checked with swiftc 6.3: `import let M.c` is accepted, and an actor must be imported
    /// with `class`; `import actor M.A` is a syntax error).
    public var scopedImportKeyword: String {
        switch self {
        case .actor: "class"
        default: rawValue
        }
    }
}
