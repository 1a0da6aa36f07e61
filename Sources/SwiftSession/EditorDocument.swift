/// The Swift file the language server sees for a cell being edited: the lines every cell of
/// the session starts with (the preloaded imports, the imports earlier cells carried, and the
/// `@testable import` of each earlier cell's module, exactly what the cell would be compiled
/// with), then the cell itself. Earlier cells are seen through their compiled modules, so a
/// name redefined in a later cell resolves to its newest definition, as it does when the cell runs.
///
/// The cell is a script (main file), so its top-level statements are valid; a magic line
/// (`%time ...`) is blanked with spaces, keeping every column in place.
///
/// Jupyter counts positions in unicode scalars from the start of the cell; the language
/// server counts lines and UTF-16 units from the start of the file.
struct EditorDocument: Equatable {
    /// The whole file.
    let text: String
    /// The file's line where the cell starts (the number of preamble lines).
    let cellLine: Int
    /// The cell's text as it is in the file (magics blanked).
    private let cellScalars: [Unicode.Scalar]

    /// The file for `cell` after `preamble` (import lines).
    init(preamble: [String], cell: String) {
        let header = preamble.flatMap { $0.split(separator: "\n", omittingEmptySubsequences: false) }.map(String.init)
        let body = Self.blankingMagics(in: cell)
        cellLine = header.count
        cellScalars = Array(body.unicodeScalars)
        text = (header + [body]).joined(separator: "\n")
    }

    /// The language server's position (line, UTF-16 column) of the cell's scalar `offset`.
    func position(ofCellScalar offset: Int) -> (line: Int, character: Int) {
        var line = cellLine
        var character = 0
        var index = 0
        let end = min(max(0, offset), cellScalars.count)
        while index < end {
            let scalar = cellScalars[index]
            if scalar == "\n" || (scalar == "\r" && (index + 1 >= cellScalars.count || cellScalars[index + 1] != "\n")) {
                line += 1
                character = 0
            } else if scalar != "\r" {
                character += scalar.utf16.count
            }
            index += 1
        }
        return (line, character)
    }

    /// The LSP `position` object for the cell's scalar `offset`.
    func lspPosition(ofCellScalar offset: Int) -> LSPPosition {
        let (line, character) = position(ofCellScalar: offset)
        return LSPPosition(line: line, character: character)
    }

    /// The cell with magic lines (`%...`) turned into spaces; `%time` and `%timeit` keep the
    /// code that follows them.
    static func blankingMagics(in cell: String) -> String {
        cell.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard trimmed.hasPrefix("%") else { return String(line) }
            for magic in ["%%timeit", "%%time", "%timeit", "%time"] where trimmed.hasPrefix(magic + " ") || trimmed == magic {
                let kept = line.unicodeScalars.count - trimmed.unicodeScalars.count + magic.unicodeScalars.count
                return String(repeating: " ", count: kept) + String(String.UnicodeScalarView(line.unicodeScalars.dropFirst(kept)))
            }
            return String(repeating: " ", count: line.unicodeScalars.count)
        }.joined(separator: "\n")
    }
}
