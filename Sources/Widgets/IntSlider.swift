import DynamicJSON

/// A slider over a range of integers (IntSliderModel).
///
///     let epochs = IntSlider(value: 10, range: 1...100, description: "epochs")
public final class IntSlider: ValueWidget<Int>, @unchecked Sendable {
    /// A slider at `value` over `range` in steps of `step`. With `continuousUpdate` false the
    /// value changes on release only.
    public init(value: Int = 0, range: ClosedRange<Int> = 0...100, step: Int = 1, description: String = "", continuousUpdate: Bool = true) {
        let state: JSONObject = [
            "value": .int(value), "min": .int(range.lowerBound), "max": .int(range.upperBound), "step": .int(step),
            "behavior": "drag-tap", "continuous_update": .bool(continuousUpdate), "disabled": false,
            "orientation": "horizontal", "readout": true, "readout_format": "d",
        ]
        super.init(
            model: .controls("IntSlider"), style: .slider, description: description, state: WidgetState(values: state),
            fallback: value, decode: { $0.doubleValue.map { Int($0.rounded()) } }, encode: { .int($0) })
    }

    /// The slider's range; setting it moves the ends.
    public var range: ClosedRange<Int> {
        get { (value(of: "min")?.intValue ?? 0)...(value(of: "max")?.intValue ?? 0) }
        set { setState(["min": .int(newValue.lowerBound), "max": .int(newValue.upperBound)]) }
    }

    override var summaryFields: [String] {
        let step = value(of: "step")?.intValue ?? 1
        return ["value=\(value)", "min=\(range.lowerBound)", "max=\(range.upperBound)", "step=\(step)", "description='\(caption)'"]
    }
}
