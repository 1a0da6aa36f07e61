/// The names a cell's generated library uses: what comes first, how its lines are labelled,
/// the exported entry symbol and the functions it hands its result and errors to.
public struct CellLibraryOptions: Sendable, Equatable {
    /// Lines put first, verbatim: `"import CellRuntime"`, `"@testable import Cell3"`, `"@testable import var Cell5.x"`.
    public var preamble: [String]
    /// The file name diagnostics show for the cell's lines, e.g. `"Cell In[7]"` (`#sourceLocation(file:line:)`).
    public var fileLabel: String
    /// The C symbol of the entry function (`@_cdecl`), e.g. `"swift_margin_cell_7"`.
    public var entrySymbol: String
    /// The function called with the trailing expression's value, e.g. `"__publishCellResult"`.
    public var resultFunction: String
    /// The function called with an error thrown out of the cell, e.g. `"__reportCellError"`.
    public var errorFunction: String
    /// The function that runs top-level code that awaits and waits for its value, e.g.
    /// `"__awaitCell"`: two overloads, `(@escaping () async -> T) -> T` and
    /// `(@escaping () async throws -> T) throws -> T`.
    public var awaitFunction: String
    /// The module of the newest earlier definition of each name the session knows, e.g.
    /// `["x": "Cell3"]`: `let x = x + 1` reads `Cell3.x` on the right.
    public var earlierDefinitions: [String: String]

    /// Options with every field given; the function names default to `__publishCellResult`,
    /// `__reportCellError` and `__awaitCell`.
    public init(
        preamble: [String], fileLabel: String, entrySymbol: String,
        resultFunction: String = "__publishCellResult", errorFunction: String = "__reportCellError",
        awaitFunction: String = "__awaitCell", earlierDefinitions: [String: String] = [:]
    ) {
        self.preamble = preamble
        self.fileLabel = fileLabel
        self.entrySymbol = entrySymbol
        self.resultFunction = resultFunction
        self.errorFunction = errorFunction
        self.awaitFunction = awaitFunction
        self.earlierDefinitions = earlierDefinitions
    }
}
