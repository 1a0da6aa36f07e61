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
