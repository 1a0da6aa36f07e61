import DynamicJSON

/// Which front-end classes draw a widget: the model and view names, with the JavaScript modules
/// and the semver versions that define them (the `_model_*` and `_view_*` keys of every state).
public struct WidgetModel: Sendable, Equatable {
    /// The model class, e.g. "FloatSliderModel".
    public var name: String
    /// The JavaScript module that defines the model, e.g. "@jupyter-widgets/controls".
    public var module: String
    /// The semver version of `module`.
    public var moduleVersion: String
    /// The view class ("FloatSliderView"); nil for models nothing draws.
    public var viewName: String?
    /// The JavaScript module that defines the view.
    public var viewModule: String
    /// The semver version of `viewModule`.
    public var viewModuleVersion: String

    /// The module of ipywidgets 8's controls, and its version.
    static let controlsModule = "@jupyter-widgets/controls"
    static let controlsVersion = "2.0.0"
    /// The module of layouts and of the style view, and its version.
    static let baseModule = "@jupyter-widgets/base"
    static let baseVersion = "2.0.0"

    /// A control of `@jupyter-widgets/controls`: `controls("FloatSlider")` is FloatSliderModel
    /// drawn by FloatSliderView.
    static func controls(_ name: String) -> WidgetModel {
        WidgetModel(
            name: name + "Model", module: controlsModule, moduleVersion: controlsVersion,
            viewName: name + "View", viewModule: controlsModule, viewModuleVersion: controlsVersion)
    }

    /// A style model of `@jupyter-widgets/controls` (`style("SliderStyle")`), drawn by the base StyleView.
    static func style(_ name: String) -> WidgetModel {
        WidgetModel(
            name: name + "Model", module: controlsModule, moduleVersion: controlsVersion,
            viewName: "StyleView", viewModule: baseModule, viewModuleVersion: baseVersion)
    }

    /// The `_model_*` and `_view_*` keys of the state.
    var stateKeys: JSONObject {
        [
            "_model_name": .string(name), "_model_module": .string(module), "_model_module_version": .string(moduleVersion),
            "_view_name": viewName.map(JSONValue.string) ?? .null, "_view_module": .string(viewModule),
            "_view_module_version": .string(viewModuleVersion),
        ]
    }
}
