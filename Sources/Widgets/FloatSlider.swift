import DynamicJSON

/// A slider over a range of real numbers (FloatSliderModel).
///
///     let rate = FloatSlider(value: 0.1, range: 0.001...1, step: 0.001, description: "rate")
///     rate.onChange { print("rate is now", $0) }
///     display(rate)
public final class FloatSlider: ValueWidget<Double>, @unchecked Sendable {
    /// A slider at `value` over `range` in steps of `step`; the readout uses the Python format
    /// `readoutFormat` (".2f"). With `continuousUpdate` false the value changes on release only.
    public init(
        value: Double = 0, range: ClosedRange<Double> = 0...100, step: Double = 0.1, description: String = "",
        readoutFormat: String = ".2f", continuousUpdate: Bool = true
    ) {
        let state: JSONObject = [
            "value": .double(value), "min": .double(range.lowerBound), "max": .double(range.upperBound),
            "step": .double(step), "behavior": "drag-tap", "continuous_update": .bool(continuousUpdate),
            "disabled": false, "orientation": "horizontal", "readout": true, "readout_format": .string(readoutFormat),
        ]
        super.init(
            model: .controls("FloatSlider"), style: .slider, description: description, state: WidgetState(values: state),
            fallback: value, decode: { $0.doubleValue }, encode: { .double($0) })
    }

    /// The slider's range; setting it moves the ends.
    public var range: ClosedRange<Double> {
        get { (value(of: "min")?.doubleValue ?? 0)...(value(of: "max")?.doubleValue ?? 0) }
        set { setState(["min": .double(newValue.lowerBound), "max": .double(newValue.upperBound)]) }
    }

    override var summaryFields: [String] {
        let step = value(of: "step")?.doubleValue ?? 0
        return ["value=\(value)", "min=\(range.lowerBound)", "max=\(range.upperBound)", "step=\(step)", "description='\(caption)'"]
    }
}
