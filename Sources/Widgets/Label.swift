import DynamicJSON

/// A line of plain text the code can change (LabelModel), e.g. a running loss.
///
///     let status = Label("waiting")
///     status.text = "epoch 3: loss 0.21"
public final class Label: DOMWidget, @unchecked Sendable {
    /// A label showing `text`, with an optional caption before it.
    public init(_ text: String = "", description: String = "") {
        let state: JSONObject = ["value": .string(text), "placeholder": "\u{200B}"]
        super.init(model: .controls("Label"), style: .label, description: description, state: WidgetState(values: state))
    }

    /// The text shown; setting it updates the page.
    public var text: String {
        get { value(of: "value")?.stringValue ?? "" }
        set { setState(["value": .string(newValue)]) }
    }

    override var summaryFields: [String] { ["value='\(text)'"] }
}
