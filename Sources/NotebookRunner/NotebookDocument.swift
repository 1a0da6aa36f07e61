import Foundation

/// A Jupyter notebook file (nbformat 4) as JSON: its cells are read and their outputs
/// replaced; every other field is kept as it was.
public struct NotebookDocument {
    /// The whole notebook.
    var root: [String: Any]

    /// Reads a notebook; the error names the file and what is wrong.
    public init(contentsOf file: URL) throws(NotebookError) {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw NotebookError("cannot read \(file.path): \(error.localizedDescription)")
        }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NotebookError("\(file.path) is not a notebook: it is not a JSON object")
        }
        guard let format = root["nbformat"] as? Int, format == 4 else {
            throw NotebookError("\(file.path) is not an nbformat 4 notebook (nbformat: \(root["nbformat"] ?? "missing"))")
        }
        guard root["cells"] is [[String: Any]] else {
            throw NotebookError("\(file.path) has no list of cells")
        }
        self.root = root
    }

    /// The cells, in order.
    var cells: [[String: Any]] {
        get { root["cells"] as? [[String: Any]] ?? [] }
        set { root["cells"] = newValue }
    }

    /// The notebook as JSON text: keys sorted and one-space indentation, as nbformat writes,
    /// so two runs with the same outputs give the same bytes.
    public func serialized() throws(NotebookError) -> Data {
        do {
            var data = try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
            data.append(contentsOf: Array("\n".utf8))
            return data
        } catch {
            throw NotebookError("cannot write the notebook as JSON: \(error.localizedDescription)")
        }
    }

    /// The source text of a cell (nbformat allows a string or a list of lines).
    static func source(of cell: [String: Any]) -> String {
        if let text = cell["source"] as? String { return text }
        return (cell["source"] as? [String] ?? []).joined()
    }

    /// The parameters the cell tagged `parameters` declares, or nil when no cell is tagged so.
    public var declaredParameters: [DeclaredParameter]? {
        cells.first { Self.tags(of: $0).contains("parameters") }.map { DeclaredParameter.parameters(inCell: Self.source(of: $0)) }
    }

    /// The tags in a cell's metadata.
    static func tags(of cell: [String: Any]) -> [String] {
        ((cell["metadata"] as? [String: Any])?["tags"] as? [String]) ?? []
    }
}

/// A notebook could not be read, run or written.
public struct NotebookError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, naming the file or cell.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
