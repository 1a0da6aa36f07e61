/// What one cell declares and runs, in source order.
public struct CellAnalysis: Sendable {
    /// Every top-level item, in source order.
    public var items: [CellItem]
    /// The names the cell makes visible to later cells (`private`/`fileprivate` ones are left out).
    public var declaredNames: [DeclaredName]
    /// The parser's errors (missing or unexpected code, malformed tokens), at the cell's lines and
    /// UTF-8 columns; the lexer's warnings are left to swiftc.
    public var syntaxErrors: [CellDiagnostic]
    /// Whether the last item is an expression whose value the cell publishes.
    public var hasTrailingExpression: Bool
    /// Whether the cell declares anything later cells can see (names, extensions, operators,
    /// precedence groups, macros), so that later cells must import its module. A cell's own
    /// `import` declarations do not count: the session carries them into later cells itself.
    public var exportsDeclarations: Bool
    /// Whether the cell declares, for later cells, something that is used without being
    /// named: an extension (its members, its conformances), an operator, a precedence group,
    /// a macro. Later cells always import such a cell's module.
    public var declaresUnnamedDeclarations = false

    /// Constructs a cell library cannot express (a top-level stored variable without an initial
    /// value); `CellLibrarySource.generate` throws them.
    var rewriteProblems: [CellDiagnostic]

    /// An analysis with all of its parts.
    public init(
        items: [CellItem], declaredNames: [DeclaredName], syntaxErrors: [CellDiagnostic],
        hasTrailingExpression: Bool, exportsDeclarations: Bool
    ) {
        self.init(
            items: items, declaredNames: declaredNames, syntaxErrors: syntaxErrors,
            hasTrailingExpression: hasTrailingExpression, exportsDeclarations: exportsDeclarations,
            rewriteProblems: [])
    }

    /// An analysis with the problems only the analyzer finds.
    init(
        items: [CellItem], declaredNames: [DeclaredName], syntaxErrors: [CellDiagnostic],
        hasTrailingExpression: Bool, exportsDeclarations: Bool, rewriteProblems: [CellDiagnostic]
    ) {
        self.items = items
        self.declaredNames = declaredNames
        self.syntaxErrors = syntaxErrors
        self.hasTrailingExpression = hasTrailingExpression
        self.exportsDeclarations = exportsDeclarations
        self.rewriteProblems = rewriteProblems
    }

    /// The problems that stop the cell from becoming a library: syntax errors first, then
    /// constructs a cell cannot express, each group in source order.
    public var rewriteErrors: [CellDiagnostic] {
        syntaxErrors + rewriteProblems
    }
}
