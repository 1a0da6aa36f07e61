import DynamicJSON
import Foundation
import NotebookDisplay

/// An area of outputs the code fills and replaces (OutputModel of @jupyter-widgets/output).
///
/// ipywidgets fills it by capture: the kernel sets `msg_id`, and the front end routes the
/// outputs of that request into the area. Here the kernel sets the `outputs` state itself
/// (each a `display_data` output as nbformat writes it), which the front end draws as it
/// would saved outputs: it needs nothing from the kernel's message routing, works from a
/// front-end event as from a cell, and the outputs are part of the saved widget state.
///
///     let plotArea = Output()
///     plotArea.show(figure)      // replaces what was there
public final class Output: DOMWidget, @unchecked Sendable {
    private static let model = WidgetModel(
        name: "OutputModel", module: "@jupyter-widgets/output", moduleVersion: "1.0.0",
        viewName: "OutputView", viewModule: "@jupyter-widgets/output", viewModuleVersion: "1.0.0")

    /// An empty output area.
    public init() {
        super.init(model: Self.model, style: nil, description: nil, state: WidgetState(values: ["msg_id": "", "outputs": []]))
    }

    /// Shows `value` (its richest display form) in place of the current outputs.
    public func show(_ value: Any) {
        setState(["outputs": [Self.displayData(DisplayBundle.of(value))]])
    }

    /// Shows `value` after the current outputs.
    public func append(_ value: Any) {
        let current = self.value(of: "outputs")?.arrayValue ?? []
        setState(["outputs": .array(current + [Self.displayData(DisplayBundle.of(value))])])
    }

    /// Removes every output.
    public func clear() {
        setState(["outputs": []])
    }

    /// The outputs shown, as nbformat output objects.
    public var outputs: [JSONValue] { value(of: "outputs")?.arrayValue ?? [] }

    /// A bundle as an nbformat `display_data` output: JSON types (application/json, …+json)
    /// parsed, the rest as text (images are base64 text already).
    static func displayData(_ bundle: DisplayBundle) -> JSONValue {
        var data: JSONObject = [:]
        for (type, text) in bundle.data {
            if type == "application/json" || type.hasSuffix("+json"), let parsed = try? JSONValue(parsing: Data(text.utf8)) {
                data[type] = parsed
            } else {
                data[type] = .string(text)
            }
        }
        let metadata = bundle.metadataJSON.isEmpty ? nil : try? JSONValue(parsing: Data(bundle.metadataJSON.utf8))
        return ["output_type": "display_data", "data": .object(data), "metadata": metadata ?? [:]]
    }

    override var summaryFields: [String] { ["outputs=<\(outputs.count)>"] }
}
