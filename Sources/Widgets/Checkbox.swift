import DynamicJSON

/// A checkbox with a caption (CheckboxModel).
///
///     let augment = Checkbox(value: true, description: "augment")
public final class Checkbox: ValueWidget<Bool>, @unchecked Sendable {
    /// A checkbox, ticked when `value`; with `indent` the box lines up with other captioned controls.
    public init(value: Bool = false, description: String = "", indent: Bool = true) {
        let state: JSONObject = ["value": .bool(value), "disabled": false, "indent": .bool(indent)]
        super.init(
            model: .controls("Checkbox"), style: .checkbox, description: description, state: WidgetState(values: state),
            fallback: value, decode: { $0.boolValue }, encode: { .bool($0) })
    }

    override var summaryFields: [String] { ["value=\(value ? "True" : "False")", "description='\(caption)'"] }
}
