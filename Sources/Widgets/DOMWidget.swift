import DynamicJSON

/// A widget the page draws: it has a `layout` (and most have a `style`), CSS classes, a tooltip
/// and, for controls with a caption, a `description`. The keys every such model shares are
/// filled in here; subclasses add their own.
public class DOMWidget: Widget, @unchecked Sendable {
    /// The control's CSS layout.
    public let layout: Layout
    /// The control's style, for models that have one.
    public let style: Style?

    /// A drawn widget of `model`: `layout` and `style` are opened first (the front end resolves
    /// references to them), then the widget with `state` and the shared keys. A `description`
    /// (possibly empty) adds the caption keys, which models without a caption lack.
    init(model: WidgetModel, style kind: Style.Kind?, description: String?, state: WidgetState) {
        let layout = Layout()
        let style = kind.map { Style($0) }
        self.layout = layout
        self.style = style
        var shared: JSONObject = ["_dom_classes": [], "layout": layout.reference, "tabbable": nil, "tooltip": nil]
        if let style { shared["style"] = style.reference }
        if let description {
            shared["description"] = .string(description)
            shared["description_allow_html"] = false
        }
        var full = state
        full.values.merge(shared) { own, _ in own }
        super.init(model: model, state: full)
    }

    /// The caption shown beside the control.
    public var caption: String {
        get { value(of: "description")?.stringValue ?? "" }
        set { setState(["description": .string(newValue)]) }
    }

    /// Text shown when the pointer rests on the control (nil: none).
    public var tooltip: String? {
        get { value(of: "tooltip")?.stringValue }
        set { setState(["tooltip": newValue.map(JSONValue.string) ?? .null]) }
    }

    /// Closes the widget, and its layout and style with it.
    override public func close() {
        super.close()
        layout.close()
        style?.close()
    }
}
