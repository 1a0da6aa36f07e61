import DynamicJSON

/// Controls laid out in a row (`HBox`) or a column (`VBox`); boxes nest.
///
///     display(VBox([HBox([rate, epochs]), status]))
public class Box: DOMWidget, @unchecked Sendable {
    /// The widgets inside, in order.
    public private(set) var children: [Widget]

    init(model: WidgetModel, children: [Widget]) {
        self.children = children
        let state: JSONObject = ["box_style": "", "children": .array(children.map(\.reference))]
        super.init(model: model, style: nil, description: nil, state: WidgetState(values: state))
    }

    /// Replaces the widgets inside.
    public func setChildren(_ newChildren: [Widget]) {
        children = newChildren
        setState(["children": .array(newChildren.map(\.reference))])
    }

    override var summaryFields: [String] { ["children=(\(children.map(\.description).joined(separator: ", ")))"] }
}

/// Widgets side by side (HBoxModel).
public final class HBox: Box, @unchecked Sendable {
    /// A row of `children`.
    public init(_ children: [Widget]) { super.init(model: .controls("HBox"), children: children) }
}

/// Widgets one above the other (VBoxModel).
public final class VBox: Box, @unchecked Sendable {
    /// A column of `children`.
    public init(_ children: [Widget]) { super.init(model: .controls("VBox"), children: children) }
}
