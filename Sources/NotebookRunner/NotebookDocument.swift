import DynamicJSON
import Foundation

/// A Jupyter notebook file (nbformat 4) as JSON: its cells are read and their outputs
/// replaced; every other field is kept as it was.
public struct NotebookDocument {
    /// The whole notebook.
    var root: JSONObject

    /// Reads a notebook; the error names the file and what is wrong.
    public init(contentsOf file: URL) throws(NotebookError) {
        let data: Data
        do {
            data = try Data(contentsOf: file)
        } catch {
            throw NotebookError("cannot read \(file.path): \(error.localizedDescription)")
        }
        guard case .object(let root)? = try? JSONValue(parsing: data) else {
            throw NotebookError("\(file.path) is not a notebook: it is not a JSON object")
        }
        guard root["nbformat"]?.intValue == 4 else {
            let found = root["nbformat"].map { String(decoding: $0.serialized(), as: UTF8.self) } ?? "missing"
            throw NotebookError("\(file.path) is not an nbformat 4 notebook (nbformat: \(found))")
        }
        guard let cells = root["cells"]?.arrayValue, cells.allSatisfy({ $0.objectValue != nil }) else {
            throw NotebookError("\(file.path) has no list of cells")
        }
        self.root = root
    }

    /// The cells, in order.
    var cells: [NotebookCell] {
        get { (root["cells"]?.arrayValue ?? []).compactMap { $0.objectValue.map(NotebookCell.init(fields:)) } }
        set { root["cells"] = .array(newValue.map { .object($0.fields) }) }
    }

    /// `metadata.widgets`: the saved state of the notebook's Jupyter widgets (nil: none).
    var widgetState: JSONValue? {
        get { root["metadata"]?["widgets"] }
        set {
            var metadata = root["metadata"]?.objectValue ?? [:]
            metadata["widgets"] = newValue
            root["metadata"] = .object(metadata)
        }
    }

    /// The notebook as JSON text, keys sorted and indented (`JSONValue.prettyPrinted()`) with a
    /// final newline, so two runs with the same outputs give the same bytes.
    public func serialized() -> Data {
        JSONValue.object(root).prettyPrinted() + Data("\n".utf8)
    }

    /// The parameters the cell tagged `parameters` declares, or nil when no cell is tagged so.
    public var declaredParameters: [DeclaredParameter]? {
        cells.first { $0.tags.contains("parameters") }.map { DeclaredParameter.parameters(inCell: $0.source) }
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
