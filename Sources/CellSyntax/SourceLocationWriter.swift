/// Writes generated source lines, placing each piece of cell code at the cell's own line
/// (with `#sourceLocation`) and column (with leading spaces), so that swiftc's diagnostics
/// point into the cell.
struct SourceLocationWriter {
    private(set) var lines: [String] = []
    private var locationIsOpen = false
    private let quotedFileLabel: String

    /// A writer labelling cell lines with `fileLabel`.
    init(fileLabel: String) {
        var quoted = "\""
        for character in fileLabel {
            switch character {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case "\n", "\r": quoted += " "
            default: quoted.append(character)
            }
        }
        quotedFileLabel = quoted + "\""
    }

    /// Appends generated code (not from the cell) as it is.
    mutating func appendGenerated(_ line: String) {
        lines.append(line)
    }

    /// Appends cell code that starts at the cell's `line` and `column` (its later lines keep their own indentation).
    mutating func appendCellCode(_ text: String, line: Int, column: Int) {
        lines.append("#sourceLocation(file: \(quotedFileLabel), line: \(line))")
        locationIsOpen = true
        lines.append(String(repeating: " ", count: max(0, column - 1)) + text)
    }

    /// Ends the cell's locations, so later lines are reported at their place in the generated file.
    /// Does nothing when no location is open (swiftc rejects a `#sourceLocation()` without an opening one).
    mutating func endCellCode() {
        guard locationIsOpen else { return }
        lines.append("#sourceLocation()")
        locationIsOpen = false
    }

    /// The lines joined, ending with a newline.
    var source: String { lines.joined(separator: "\n") + "\n" }
}
