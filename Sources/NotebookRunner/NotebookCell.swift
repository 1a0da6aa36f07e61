import DynamicJSON

/// One cell of a notebook, as its JSON object: the fields the runner reads and writes
/// (type, source, tags, outputs, execution count), and every other field kept as it is.
struct NotebookCell {
    /// The cell's object, as in the file.
    var fields: JSONObject

    /// Whether this is a code cell (the cells a run executes).
    var isCode: Bool { fields["cell_type"]?.stringValue == "code" }

    /// The source text (nbformat allows a string or a list of lines).
    var source: String {
        if let text = fields["source"]?.stringValue { return text }
        return (fields["source"]?.arrayValue ?? []).compactMap(\.stringValue).joined()
    }

    /// The tags in the cell's metadata.
    var tags: [String] {
        (fields["metadata"]?["tags"]?.arrayValue ?? []).compactMap(\.stringValue)
    }

    /// Replaces the outputs and the execution count (nil: `null`, a cell not run).
    mutating func setOutputs(_ outputs: [NotebookOutput], executionCount: Int?) {
        fields["outputs"] = .array(outputs.map(\.json))
        fields["execution_count"] = executionCount.map(JSONValue.int) ?? .null
    }

    /// The cell of injected parameters: code tagged `injected-parameters`, not run yet.
    static func injectedParameters(source: String) -> NotebookCell {
        NotebookCell(fields: [
            "cell_type": "code", "execution_count": nil, "id": "injected-parameters",
            "metadata": ["tags": ["injected-parameters"]], "outputs": [], "source": .string(source),
        ])
    }
}
