/// A name a cell makes visible to later cells, with what an inspection shows about it.
public struct DeclaredName: Sendable, Equatable {
    /// The declared identifier, e.g. `"model"` or `"Point"` (an operator function's operator, e.g. `"+"`).
    public var name: String
    /// What sort of declaration introduced the name.
    public var kind: DeclarationKind
    /// The 1-based line of the name in the cell.
    public var line: Int
    /// The declaration without attributes or body, whitespace collapsed:
    /// `"func f(x: Int) -> Int"`, `"struct Point: Equatable"`, `"var x = 1"`, `"let x: Int"`.
    /// A variable's initializer is kept only when it is short (at most 40 characters).
    public var signature: String
    /// The `///` or `/** */` doc comment right before the declaration, markers stripped, or `nil`.
    public var documentation: String?

    /// A declared name with all of its fields.
    public init(name: String, kind: DeclarationKind, line: Int, signature: String, documentation: String? = nil) {
        self.name = name
        self.kind = kind
        self.line = line
        self.signature = signature
        self.documentation = documentation
    }
}
