import DynamicJSON

/// A drop-down list of labels, one picked (DropdownModel).
///
///     let norm = Dropdown(options: ["l1", "l2", "linf"], value: "l2", description: "norm")
///     norm.onChange { label in ... }
public final class Dropdown: SelectionWidget, @unchecked Sendable {
    /// A dropdown of `options` showing `value` (the first option when nil).
    public init(options: [String], value: String? = nil, description: String = "") {
        super.init(model: .controls("Dropdown"), style: .description, options: options, value: value, description: description, state: [:])
    }
}
