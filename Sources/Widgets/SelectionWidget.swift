import DynamicJSON

/// A control that picks one of a fixed list of labels (a dropdown, toggle buttons). The front
/// end knows the labels (`_options_labels`) and the picked position (`index`); `value` is the
/// picked label and `index` its position.
public class SelectionWidget: ValueWidget<String>, @unchecked Sendable {
    /// The labels to pick from, in order.
    public let options: [String]

    /// A selection of `options` with `value` picked (the first option when `value` is nil or
    /// not among them); `state` holds the model's other keys.
    init(model: WidgetModel, style: Style.Kind, options: [String], value: String?, description: String, state: JSONObject) {
        self.options = options
        let index = value.flatMap { options.firstIndex(of: $0) } ?? (options.isEmpty ? nil : 0)
        var full = state
        full["_options_labels"] = .array(options.map(JSONValue.string))
        full["index"] = index.map(JSONValue.int) ?? .null
        full["disabled"] = false
        super.init(
            model: model, style: style, description: description, state: WidgetState(values: full), valueKey: "index",
            fallback: "", decode: { $0.intValue.flatMap { options.indices.contains($0) ? options[$0] : nil } },
            encode: { label in options.firstIndex(of: label).map(JSONValue.int) ?? .null })
    }

    /// The position of the picked label in `options`, nil when nothing is picked.
    public var index: Int? {
        get { value(of: "index")?.intValue }
        set { setState(["index": newValue.map(JSONValue.int) ?? .null]) }
    }

    override var summaryFields: [String] {
        ["options=(\(options.map { "'\($0)'" }.joined(separator: ", ")))", "value='\(value)'", "description='\(caption)'"]
    }
}
