/// Why a cell cannot be turned into a library source: its syntax errors, or constructs a
/// cell library cannot express (a top-level stored variable without an initial value).
public struct CellRewriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Every problem found, in source order.
    public var diagnostics: [CellDiagnostic]

    /// An error carrying `diagnostics`.
    public init(diagnostics: [CellDiagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One diagnostic per line, `line:column: severity: message`.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
