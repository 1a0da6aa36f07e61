import DynamicJSON

/// A row of buttons of which one is pressed (ToggleButtonsModel): a selection whose options
/// are all in view.
///
///     let mode = ToggleButtons(options: ["train", "test"], description: "split")
public final class ToggleButtons: SelectionWidget, @unchecked Sendable {
    /// Buttons labelled `options` with `value` pressed (the first when nil); `tooltips` by
    /// button, `buttonStyle` one of "primary", "success", "info", "warning", "danger" or "".
    public init(options: [String], value: String? = nil, description: String = "", tooltips: [String] = [], buttonStyle: String = "") {
        super.init(
            model: .controls("ToggleButtons"), style: .toggleButtons, options: options, value: value, description: description,
            state: ["button_style": .string(buttonStyle), "icons": [], "tooltips": .array(tooltips.map(JSONValue.string))])
    }
}
