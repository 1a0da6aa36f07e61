/// A small HTML table for rich display: an optional caption, a header row and body rows
/// whose first cell may be a row header. Every text is escaped when written.
public struct HTMLTable: Sendable, Equatable {
    /// One cell: its text, and whether it is a header (`th`) rather than data (`td`).
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var isHeader = false

        /// A cell with this text, a header cell when `isHeader`.
        public init(text: String, isHeader: Bool = false) {
            self.text = text
            self.isHeader = isHeader
        }

        /// A header cell (`th`).
        public static func header(_ text: String) -> Cell { Cell(text: text, isHeader: true) }
        /// A data cell (`td`).
        public static func data(_ text: String) -> Cell { Cell(text: text) }
    }

    public var caption: String?
    public var header: [Cell]
    public var rows: [[Cell]]

    /// A table with an optional caption, a header row and body rows.
    public init(caption: String? = nil, header: [Cell], rows: [[Cell]]) {
        self.caption = caption
        self.header = header
        self.rows = rows
    }

    /// The table as HTML text.
    public var html: String {
        var text = "<table>\n"
        if let caption { text += "<caption>\(HTML.escaped(caption))</caption>\n" }
        if !header.isEmpty { text += "<thead>\(Self.row(header))</thead>\n" }
        text += "<tbody>\n" + rows.map { Self.row($0) + "\n" }.joined() + "</tbody>\n</table>"
        return text
    }

    /// The header and rows as text: indented, left-aligned columns two spaces apart (the
    /// caption is not included).
    public var textLines: [String] {
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
public enum HTML {
    /// `text` with &, <, >, " and ' replaced by character references.
    public static func escaped(_ text: String) -> String {
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

