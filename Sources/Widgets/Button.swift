import DynamicJSON

/// A push button (ButtonModel) that calls its `onClick` callbacks when clicked.
///
///     let run = Button(description: "Train")
///     run.onClick { trainOneEpoch() }
public final class Button: DOMWidget, @unchecked Sendable {
    private let clicks = ChangeCallbacks<Void>()

    /// A button labelled `description`; `buttonStyle` is one of "primary", "success", "info",
    /// "warning", "danger" or "", `icon` a Font Awesome name ("check").
    public init(description: String = "", buttonStyle: String = "", icon: String = "") {
        // ButtonModel's label is its `description`, without the caption's `description_allow_html`.
        let state: JSONObject = [
            "button_style": .string(buttonStyle), "description": .string(description), "disabled": false, "icon": .string(icon),
        ]
        super.init(model: .controls("Button"), style: .button, description: nil, state: WidgetState(values: state))
    }

    /// Calls `callback` at every click.
    public func onClick(_ callback: @escaping () -> Void) {
        clicks.add { _ in callback() }
    }

    /// Acts as if the button were clicked (the callbacks run).
    public func click() {
        clicks.call(with: ())
    }

    /// Whether the button ignores clicks.
    public var isDisabled: Bool {
        get { value(of: "disabled")?.boolValue ?? false }
        set { setState(["disabled": .bool(newValue)]) }
    }

    override func receiveCustom(_ content: JSONValue) {
        if content["event"]?.stringValue == "click" { click() }
    }

    override var summaryFields: [String] { ["description='\(caption)'"] }
}
