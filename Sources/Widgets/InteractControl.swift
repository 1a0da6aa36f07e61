import DynamicJSON

/// One parameter of `interact`: its name, the control that sets it, and the typed value the
/// closure receives (`FloatRange` gives a `Double`, `Choice<String>` a `String`).
public protocol InteractControl {
    /// What the closure receives.
    associatedtype Value
    /// Builds the control, captioned with the parameter's name.
    func makeBinding() -> InteractBinding<Value>
}

/// A built `interact` control: the widget, how to read its value as the closure's type, and
/// how to be told of changes.
public struct InteractBinding<Value> {
    /// The control shown.
    public let widget: Widget
    /// Its current value.
    public let read: () -> Value
    /// Registers a callback run after each change.
    public let observe: (@escaping () -> Void) -> Void

    /// A binding of `widget`, read with `read` and observed with `observe`.
    public init(widget: Widget, read: @escaping () -> Value, observe: @escaping (@escaping () -> Void) -> Void) {
        self.widget = widget
        self.read = read
        self.observe = observe
    }

    /// A binding of a control whose value is already the closure's type.
    init(_ control: ValueWidget<Value>) {
        self.init(widget: control, read: { control.value }, observe: { callback in control.onChange { _ in callback() } })
    }
}

/// A real parameter set by a slider: `FloatRange("gamma", 0.1...10, step: 0.1, default: 1)`.
/// The slider reports on release (`continuousUpdate` false), as a closure that redraws a
/// figure cannot keep up with every pixel of a drag.
public struct FloatRange: InteractControl {
    public let name: String
    public let range: ClosedRange<Double>
    public let step: Double
    public let initial: Double
    public let continuousUpdate: Bool

    /// A slider over `range` in steps of `step`, at `default` (the middle of the range when nil).
    public init(_ name: String, _ range: ClosedRange<Double>, step: Double? = nil, default initial: Double? = nil, continuousUpdate: Bool = false) {
        self.name = name
        self.range = range
        self.step = step ?? (range.upperBound - range.lowerBound) / 100
        self.initial = initial ?? (range.lowerBound + range.upperBound) / 2
        self.continuousUpdate = continuousUpdate
    }

    public func makeBinding() -> InteractBinding<Double> {
        InteractBinding(FloatSlider(value: initial, range: range, step: step, description: name, continuousUpdate: continuousUpdate))
    }
}

/// An integer parameter set by a slider: `IntRange("epochs", 1...50, default: 10)`.
public struct IntRange: InteractControl {
    public let name: String
    public let range: ClosedRange<Int>
    public let step: Int
    public let initial: Int
    public let continuousUpdate: Bool

    /// A slider over `range` in steps of `step`, at `default` (the middle of the range when nil).
    public init(_ name: String, _ range: ClosedRange<Int>, step: Int = 1, default initial: Int? = nil, continuousUpdate: Bool = false) {
        self.name = name
        self.range = range
        self.step = step
        self.initial = initial ?? (range.lowerBound + range.upperBound) / 2
        self.continuousUpdate = continuousUpdate
    }

    public func makeBinding() -> InteractBinding<Int> {
        InteractBinding(IntSlider(value: initial, range: range, step: step, description: name, continuousUpdate: continuousUpdate))
    }
}

/// A parameter picked from a list by a dropdown: `Choice("norm", ["l1", "l2", "linf"], default: "l2")`.
/// The options may be any values; the dropdown shows their descriptions.
public struct Choice<Option: Equatable>: InteractControl {
    public let name: String
    public let options: [Option]
    public let initial: Option?

    /// A dropdown of `options` showing `default` (the first option when nil). `options` must not be empty.
    public init(_ name: String, _ options: [Option], default initial: Option? = nil) {
        guard !options.isEmpty else { fatalError("Choice \"\(name)\" has no options") }
        self.name = name
        self.options = options
        self.initial = initial
    }

    public func makeBinding() -> InteractBinding<Option> {
        let labels = options.map { String(describing: $0) }
        let initialIndex = initial.flatMap { options.firstIndex(of: $0) } ?? 0
        let dropdown = Dropdown(options: labels, value: labels[initialIndex], description: name)
        let choices = options
        return InteractBinding(
            widget: dropdown, read: { choices[dropdown.index.flatMap { choices.indices.contains($0) ? $0 : nil } ?? initialIndex] },
            observe: { callback in dropdown.onChange { _ in callback() } })
    }
}

/// A Boolean parameter set by a checkbox: `Toggle("augment", default: true)`.
public struct Toggle: InteractControl {
    public let name: String
    public let initial: Bool

    /// A checkbox, ticked when `default`.
    public init(_ name: String, default initial: Bool = false) {
        self.name = name
        self.initial = initial
    }

    public func makeBinding() -> InteractBinding<Bool> {
        InteractBinding(Checkbox(value: initial, description: name))
    }
}
