import DynamicJSON

/// A control that holds one typed value the user changes (a slider's number, a checkbox's
/// Boolean, a dropdown's choice): `value` reads and sets it, `onChange` adds a callback that
/// runs with each new value, whether the user or Swift changed it.
public class ValueWidget<Value>: DOMWidget, @unchecked Sendable {
    /// The state key the value lives in ("value", or "index" for selections).
    let valueKey: String
    private let decode: (JSONValue) -> Value?
    private let encode: (Value) -> JSONValue
    /// What `value` is when the state holds nothing it can read (an unset selection).
    private let fallback: Value
    private let callbacks = ChangeCallbacks<Value>()

    /// A control whose value lives in `valueKey`, read with `decode` and written with `encode`.
    init(
        model: WidgetModel, style: Style.Kind?, description: String?, state: WidgetState, valueKey: String = "value",
        fallback: Value, decode: @escaping (JSONValue) -> Value?, encode: @escaping (Value) -> JSONValue
    ) {
        self.valueKey = valueKey
        self.decode = decode
        self.encode = encode
        self.fallback = fallback
        super.init(model: model, style: style, description: description, state: state)
    }

    /// The current value; setting it updates the front end and calls the callbacks.
    public var value: Value {
        get { value(of: valueKey).flatMap(decode) ?? fallback }
        set { setState([valueKey: encode(newValue)]) }
    }

    /// Calls `callback` with the new value after every change.
    public func onChange(_ callback: @escaping (Value) -> Void) {
        callbacks.add(callback)
    }

    /// Whether the user cannot change the control.
    public var isDisabled: Bool {
        get { value(of: "disabled")?.boolValue ?? false }
        set { setState(["disabled": .bool(newValue)]) }
    }

    override func stateDidChange(_ keys: Set<String>) {
        if keys.contains(valueKey) { callbacks.call(with: value) }
    }
}
