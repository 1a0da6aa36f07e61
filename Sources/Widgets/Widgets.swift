import DynamicJSON
import Foundation
import NotebookDisplay

/// The module's session-wide entry points: registering its comm targets, and the state of every
/// live widget as a notebook saves it.
public enum Widgets {
    private static let registration: Void = ControlComm.register()

    /// Registers the "jupyter.widget.control" comm target with `CommRouter`, so a front end
    /// that opens it (a page reload) gets every live widget's state. Creating any widget calls
    /// this; a kernel calls it at start too, because a front end may open the control comm
    /// before a cell has made a widget. Calling it again does nothing.
    public static func register() {
        _ = registration
    }

    /// The MIME type of saved widget state in a notebook's `metadata.widgets`.
    public static let stateMIMEType = "application/vnd.jupyter.widget-state+json"

    /// Every live widget's state in the shape a notebook keeps in `metadata.widgets`:
    /// `{"application/vnd.jupyter.widget-state+json": {"version_major": 2, "version_minor": 0,
    /// "state": {model id: {model_name, model_module, model_module_version, state}}}}`, where a
    /// widget with byte values also has `"buffers": [{"encoding": "base64", "path": [key], "data"}]`
    /// (as ipywidgets' `Widget.get_manager_state` writes it). With no live widget, nil: a notebook
    /// without widgets gets no `widgets` metadata.
    public static func notebookMetadata() -> JSONValue? {
        let widgets = WidgetRegistry.all
        guard !widgets.isEmpty else { return nil }
        var states: JSONObject = [:]
        for widget in widgets {
            let wire = widget.fullState.wireForm
            var entry = widget.modelEntry(state: wire.state)
            if !wire.buffers.isEmpty {
                entry["buffers"] = .array(zip(wire.bufferPaths, wire.buffers).map { path, buffer in
                    ["encoding": "base64", "path": .array(path), "data": .string(buffer.base64EncodedString())]
                })
            }
            states[widget.modelID] = entry
        }
        return [stateMIMEType: ["version_major": 2, "version_minor": 0, "state": .object(states)]]
    }

    /// The live widget with this model id.
    public static func widget(modelID: String) -> Widget? { WidgetRegistry.widget(modelID) }

    /// Closes every live widget (their comms and views).
    public static func closeAll() {
        for widget in WidgetRegistry.all { widget.close() }
    }
}
