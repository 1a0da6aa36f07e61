import Foundation

/// The live widgets by model id: those created and not closed. The control comm's
/// "update_states" and the notebook's saved widget state list them; holding them here also
/// keeps a widget answering the front end after the cell's own references are gone.
enum WidgetRegistry {
    /// A pthread lock, as everywhere in this module (widgets live on in forked processes).
    private static let lock = NSLock()
    nonisolated(unsafe) private static var widgets: [String: Widget] = [:]

    static func add(_ widget: Widget) {
        lock.withLock { widgets[widget.modelID] = widget }
    }

    static func remove(_ modelID: String) {
        lock.withLock { widgets[modelID] = nil }
    }

    /// The widget with this model id, if it is live.
    static func widget(_ modelID: String) -> Widget? {
        lock.withLock { widgets[modelID] }
    }

    /// Every live widget, in no particular order.
    static var all: [Widget] {
        lock.withLock { Array(widgets.values) }
    }
}
