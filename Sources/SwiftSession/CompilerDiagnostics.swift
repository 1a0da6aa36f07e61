/// The compiler's diagnostics for one cell, re-rendered against the cell's own text: each
/// error shows the cell's line and column, the line itself, and a caret under the column.
struct CompilerDiagnostics {
    /// One diagnostic the compiler printed.
    struct Entry: Equatable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
    }

    /// Every `file:line:column: severity: message` line of the compiler's output, in order.
    let entries: [Entry]
    /// The compiler's raw output (for anything that is not about the cell, e.g. a linker error).
    let rawOutput: String

    /// Parses swiftc output produced with `-diagnostic-style llvm`.
    init(compilerOutput: String) {
        rawOutput = compilerOutput
        entries = compilerOutput.split(separator: "\n", omittingEmptySubsequences: true).compactMap(Self.parse)
    }

    private static func parse(_ line: Substring) -> Entry? {
        for severity in ["error", "warning", "note"] {
            guard let marker = line.range(of: ": \(severity): ") else { continue }
            let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
            guard location.count >= 3, let lineNumber = Int(location[location.count - 2]),
                  let column = Int(location[location.count - 1]) else { continue }
            let file = location.dropLast(2).joined(separator: ":")
            return Entry(file: file, line: lineNumber, column: column, severity: severity,
                         message: String(line[marker.upperBound...]))
        }
        return nil
    }

    /// The errors (and their notes) about the cell labelled `fileLabel`, rendered with the
    /// cell's source; the raw output when no diagnostic names the cell.
    func rendered(cellSource: String, fileLabel: String) -> [String] {
        let cellLines = cellSource.split(separator: "\n", omittingEmptySubsequences: false)
        let aboutCell = entries.filter { $0.file == fileLabel && $0.severity != "warning" }
        guard !aboutCell.isEmpty else {
            return rawOutput.split(separator: "\n").map(String.init)
        }
        return aboutCell.flatMap { entry in
            Self.render(entry.severity, entry.message, line: entry.line, column: entry.column,
                        fileLabel: fileLabel, cellLines: cellLines)
        }
    }

    /// One diagnostic as `label:line:column: severity: message`, then the cell's line and a
    /// caret under the column (when the line exists).
    static func render(
        _ severity: String, _ message: String, line: Int, column: Int, fileLabel: String, cellLines: [Substring]
    ) -> [String] {
        let heading = "\(fileLabel):\(line):\(column): \(severity): \(message)"
        guard line >= 1, line <= cellLines.count else { return [heading] }
        let sourceLine = String(cellLines[line - 1])
        return [heading, sourceLine, caretLine(under: column, in: sourceLine)]
    }

    /// The first error's message, for a one-line summary.
    var firstError: String? {
        entries.first { $0.severity == "error" }?.message
    }

    /// Spaces (tabs kept as tabs, so it lines up) up to the UTF-8 column, then a caret.
    private static func caretLine(under column: Int, in sourceLine: String) -> String {
        var prefix = ""
        var byteCount = 0
        for character in sourceLine.unicodeScalars {
            if byteCount >= column - 1 { break }
            byteCount += String(character).utf8.count
            prefix += character == "\t" ? "\t" : " "
        }
        return prefix + "^"
    }
}
