/// A problem found in a cell, placed at the cell's own line and column.
///
/// Lines are 1-based. Columns are 1-based and count UTF-8 bytes from the start of the line,
/// as swiftc's diagnostics do, so a diagnostic from this module and one from the compiler
/// point at the same place.
public struct CellDiagnostic: Sendable, Equatable, CustomStringConvertible {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Equatable {
        case error, warning, note
    }

    /// The 1-based line in the cell.
    public var line: Int
    /// The 1-based column in the line, counted in UTF-8 bytes (as swiftc counts).
    public var column: Int
    /// What is wrong, in one sentence without a trailing period.
    public var message: String
    /// Whether this stops the cell from compiling (`error`) or only informs.
    public var severity: Severity

    /// A diagnostic at `line`:`column` of the cell.
    public init(line: Int, column: Int, message: String, severity: Severity = .error) {
        self.line = line
        self.column = column
        self.message = message
        self.severity = severity
    }

    /// `line:column: severity: message`, the layout of swiftc's own diagnostics.
    public var description: String { "\(line):\(column): \(severity.rawValue): \(message)" }
}
