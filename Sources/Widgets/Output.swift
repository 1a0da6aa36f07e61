import DynamicJSON
import Foundation
import NotebookDisplay

/// An area of outputs the code fills and replaces (OutputModel of @jupyter-widgets/output).
///
/// Two ways to fill it. `show`, `append` and `clear` set the `outputs` state from Swift (each a
/// `display_data` output as nbformat writes it), which the front end draws as it would saved
/// outputs: it needs nothing from the kernel's message routing and the outputs are part of the
/// saved widget state. `capture { }` is ipywidgets' way: it sets `msg_id` to the request being
/// run (`CommRouter.currentMessageID`), so the front end draws that request's printed text,
/// displays and errors in the area instead of where they would go (the log console, for a
/// widget's callback), and sets it back to "" after. When the body of a widget's callback
/// traps, the kernel writes the trap's error while the area still captures (the session sets
/// `msg_id` back after it), so the error lands in the area too; a cell's error stays in the cell.
///
///     let plotArea = Output()
///     plotArea.show(figure)      // replaces what was there
///     slider.onChange { value in plotArea.capture { print("value", value) } }
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

    /// Shows `bundle` in place of the current outputs.
    public func show(bundle: DisplayBundle) {
        setState(["outputs": [Self.displayData(bundle)]])
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

    /// Runs `body` with the front end capturing the outputs of the request being run (a cell, or
    /// the comm message whose callback runs) into this area: `msg_id` is that request's id
    /// during `body` and "" after, also when it throws. If a callback's `body` traps, the session
    /// sets `msg_id` back after writing the error, which therefore shows here. `clear` first removes what an earlier
    /// capture left. Without a front end (`CommRouter.currentMessageID` empty) it just runs `body`.
    @discardableResult
    public func capture<Result>(clear: Bool = false, _ body: () throws -> Result) rethrows -> Result {
        var start: JSONObject = ["msg_id": .string(CommRouter.currentMessageID)]
        if clear { start["outputs"] = [] }
        setState(start)
        defer { setState(["msg_id": ""]) }
        return try body()
    }

    /// The id of the request whose outputs the front end is capturing here; "" when none.
    public var capturingMessageID: String { value(of: "msg_id")?.stringValue ?? "" }

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
