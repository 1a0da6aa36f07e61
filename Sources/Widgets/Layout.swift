import DynamicJSON

/// The CSS layout of one control (LayoutModel of @jupyter-widgets/base): its own widget, which
/// the control's `layout` key refers to. Every attribute starts unset (null); set one with
/// `layout.set("width", "300px")`.
public final class Layout: Widget, @unchecked Sendable {
    /// The CSS attributes a layout has, all null by default.
    static let attributes = [
        "align_content", "align_items", "align_self", "border_bottom", "border_left", "border_right", "border_top",
        "bottom", "display", "flex", "flex_flow", "grid_area", "grid_auto_columns", "grid_auto_flow", "grid_auto_rows",
        "grid_column", "grid_gap", "grid_row", "grid_template_areas", "grid_template_columns", "grid_template_rows",
        "height", "justify_content", "justify_items", "left", "margin", "max_height", "max_width", "min_height",
        "min_width", "object_fit", "object_position", "order", "overflow", "padding", "right", "top", "visibility", "width",
    ]

    /// A layout with every attribute unset.
    public init() {
        let model = WidgetModel(
            name: "LayoutModel", module: WidgetModel.baseModule, moduleVersion: WidgetModel.baseVersion,
            viewName: "LayoutView", viewModule: WidgetModel.baseModule, viewModuleVersion: WidgetModel.baseVersion)
        super.init(model: model, state: WidgetState(values: JSONObject(uniqueKeysWithValues: Self.attributes.map { ($0, .null) })))
    }

    /// Sets one CSS attribute ("width", "300px"); nil unsets it.
    public func set(_ attribute: String, _ value: String?) {
        setState([attribute: value.map(JSONValue.string) ?? .null])
    }
}
