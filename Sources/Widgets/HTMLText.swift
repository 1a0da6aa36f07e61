import DynamicJSON

/// A fragment of HTML the code can change (HTMLModel, ipywidgets' `HTML`; named so as not to
/// clash with NotebookDisplay's `HTML`).
///
///     let note = HTMLText("<b>accuracy</b>: 0.97")
public final class HTMLText: DOMWidget, @unchecked Sendable {
    /// A widget showing the HTML `html`, with an optional caption before it.
    public init(_ html: String = "", description: String = "") {
        let state: JSONObject = ["value": .string(html), "placeholder": "\u{200B}"]
        super.init(model: .controls("HTML"), style: .html, description: description, state: WidgetState(values: state))
    }

    /// The HTML shown; setting it updates the page.
    public var html: String {
        get { value(of: "value")?.stringValue ?? "" }
        set { setState(["value": .string(newValue)]) }
    }

    override var summaryFields: [String] { ["value='\(html)'"] }
}
