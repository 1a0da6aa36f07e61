/// A small HTML table for rich display: an optional caption, a header row and body rows
/// whose first cell may be a row header. Every text is escaped when written.
struct HTMLTable {
    /// One cell: its text, and whether it is a header (`th`) rather than data (`td`).
    struct Cell: Equatable {
        var text: String
        var isHeader = false

        static func header(_ text: String) -> Cell { Cell(text: text, isHeader: true) }
        static func data(_ text: String) -> Cell { Cell(text: text) }
    }

    var caption: String?
    var header: [Cell]
    var rows: [[Cell]]

    /// The table as HTML text.
    var html: String {
        var text = "<table>\n"
        if let caption { text += "<caption>\(HTML.escaped(caption))</caption>\n" }
        if !header.isEmpty { text += "<thead>\(Self.row(header))</thead>\n" }
        text += "<tbody>\n" + rows.map { Self.row($0) + "\n" }.joined() + "</tbody>\n</table>"
        return text
    }

    /// The header and rows as text: indented, left-aligned columns two spaces apart (the
    /// caption is not included).
    var textLines: [String] {
        let lines = (header.isEmpty ? [] : [header]) + rows
        let columnCount = lines.map(\.count).max() ?? 0
        let widths = (0..<columnCount).map { column in
            lines.map { $0.indices.contains(column) ? $0[column].text.count : 0 }.max() ?? 0
        }
        return lines.map { cells in
            var line = "  " + cells.enumerated().map { column, cell in
                cell.text + String(repeating: " ", count: widths[column] - cell.text.count)
            }.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }

    private static func row(_ cells: [Cell]) -> String {
        "<tr>" + cells.map { cell in
            let tag = cell.isHeader ? "th" : "td"
            return "<\(tag)>\(HTML.escaped(cell.text))</\(tag)>"
        }.joined() + "</tr>"
    }
}

/// Text made safe to put inside HTML elements and attribute values.
enum HTML {
    /// `text` with &, <, >, " and ' replaced by character references.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

/// Which entries of an axis a table shows: all of them, or the first and last few with
/// an ellipsis between (NumPy's elision, sized for HTML).
struct ElidedAxis: Equatable {
    /// The indices shown, in order.
    let indices: [Int]
    /// The position in `indices` before which the ellipsis goes, if anything is left out.
    let gap: Int?

    /// All of `0..<count`, or, when `elide` and the axis is longer than `2 * edgeItems`, the
    /// first and last `edgeItems`.
    init(count: Int, elide: Bool, edgeItems: Int) {
        if elide && count > 2 * edgeItems {
            indices = Array(0..<edgeItems) + Array((count - edgeItems)..<count)
            gap = edgeItems
        } else {
            indices = Array(0..<count)
            gap = nil
        }
    }
}
