import DynamicJSON

/// The style of one control (colours, description width): its own widget, which the control's
/// `style` key refers to. Each kind of control has its style model, with its own attributes.
public final class Style: Widget, @unchecked Sendable {
    /// The style models of the controls in this module, with their attributes' defaults.
    public enum Kind: Sendable {
        case description, slider, checkbox, button, toggleButtons, label, html

        var modelName: String {
            switch self {
            case .description: "DescriptionStyle"
            case .slider: "SliderStyle"
            case .checkbox: "CheckboxStyle"
            case .button: "ButtonStyle"
            case .toggleButtons: "ToggleButtonsStyle"
            case .label: "LabelStyle"
            case .html: "HTMLStyle"
            }
        }

        var defaults: JSONObject {
            switch self {
            case .description: ["description_width": ""]
            case .slider: ["description_width": "", "handle_color": nil]
            case .checkbox: ["description_width": "", "background": nil]
            case .button:
                [
                    "button_color": nil, "font_family": nil, "font_size": nil, "font_style": nil, "font_variant": nil,
                    "font_weight": nil, "text_color": nil, "text_decoration": nil,
                ]
            case .toggleButtons: ["button_width": "", "description_width": "", "font_weight": ""]
            case .label:
                [
                    "background": nil, "description_width": "", "font_family": nil, "font_size": nil, "font_style": nil,
                    "font_variant": nil, "font_weight": nil, "text_color": nil, "text_decoration": nil,
                ]
            case .html: ["background": nil, "description_width": "", "font_size": nil, "text_color": nil]
            }
        }
    }

    /// Which style model this is.
    public let kind: Kind

    /// A style of `kind` with its defaults.
    public init(_ kind: Kind) {
        self.kind = kind
        super.init(model: .style(kind.modelName), state: WidgetState(values: kind.defaults))
    }

    /// Sets one style attribute ("description_width", "120px"); nil unsets it.
    public func set(_ attribute: String, _ value: String?) {
        setState([attribute: value.map(JSONValue.string) ?? .null])
    }
}
