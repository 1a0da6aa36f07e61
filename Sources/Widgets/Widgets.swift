import DynamicJSON
import Foundation
import NotebookDisplay

/// The module's session-wide entry points: registering its comm targets, finding and closing
/// live widgets. (A headless run saves the widgets' state from their comm events, in
/// NotebookRunner's `WidgetStateRecord`.)
public enum Widgets {
    private static let registration: Void = ControlComm.register()

    /// Registers the "jupyter.widget.control" comm target with `CommRouter`, so a front end
    /// that opens it (a page reload) gets every live widget's state. Creating any widget calls
    /// this; a kernel calls it at start too, because a front end may open the control comm
    /// before a cell has made a widget. Calling it again does nothing.
    public static func register() {
        _ = registration
    }

    /// The live widget with this model id.
    public static func widget(modelID: String) -> Widget? { WidgetRegistry.widget(modelID) }

    /// Closes every live widget (their comms and views).
    public static func closeAll() {
        for widget in WidgetRegistry.all { widget.close() }
    }
}
