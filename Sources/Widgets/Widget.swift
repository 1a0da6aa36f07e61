import DynamicJSON
import Foundation
import NotebookDisplay

/// A Jupyter widget: an object in the session with a twin model in the front end, kept in
/// step over a comm (target "jupyter.widget", widget protocol 2.1.0). The model id is the comm id.
///
/// Creating a widget opens its comm with the full state; `display(widget)` shows a view of it.
/// State set from Swift goes out as an "update"; the front end's "update" is applied, echoed
/// back ("echo_update", so every front end agrees) and then reported to the subclass, which
/// calls its change callbacks. A widget stays alive, and answers the front end, until `close()`.
///
/// Subclasses are the controls (`FloatSlider`, `Dropdown`, …); this class holds what they share.
public class Widget: RichDisplayable, CustomStringConvertible, @unchecked Sendable {
    /// The model id, which is also the comm id: 32 hexadecimal digits (`DisplayID.next()`),
    /// never reused in a session and the same in every headless run of a notebook.
    public let modelID: String
    /// The front-end classes that draw this widget.
    public let model: WidgetModel

    /// Guards `state` (a pthread lock: widgets live on in processes forked from the session).
    private let lock = NSLock()
    private var state: WidgetState

    /// The comm target of widget models.
    static let commTarget = "jupyter.widget"
    /// The widget protocol version sent with every comm open.
    static let protocolVersion = "2.1.0"

    /// Opens the comm of a new widget with `state` (every key of the model's schema, or the front
    /// end falls back on defaults that may not match); the `_model_*`/`_view_*` keys are added.
    init(model: WidgetModel, state: WidgetState) {
        Widgets.register()
        self.modelID = DisplayID.next()
        self.model = model
        var full = state
        full.values.merge(model.stateKeys) { _, modelKey in modelKey }
        self.state = full
        WidgetRegistry.add(self)
        let wire = full.wireForm
        CommRouter.handle(commID: modelID) { [weak self] event in self?.receive(event) }
        CommRouter.send(.open(
            commID: modelID, targetName: Self.commTarget,
            data: ["state": wire.state, "buffer_paths": .array(wire.bufferPaths.map(JSONValue.array))],
            metadata: ["version": .string(Self.protocolVersion)], buffers: wire.buffers))
    }

    /// The string that refers to this widget inside another's state ("IPY_MODEL_<id>").
    public var reference: JSONValue { .string("IPY_MODEL_" + modelID) }

    /// The whole current state.
    public var fullState: WidgetState { lock.withLock { state } }

    /// The JSON value of one state key.
    public func value(of key: String) -> JSONValue? { lock.withLock { state.values[key] } }

    /// The bytes of one byte-valued state key.
    public func bytes(of key: String) -> Data? { lock.withLock { state.bytes[key] } }

    /// Sets state from Swift: the changed keys go to the front end as an "update", and the
    /// widget reports them as changes (callbacks run). Keys whose value is unchanged are skipped.
    public func setState(_ values: JSONObject, bytes: [String: Data] = [:]) {
        let changed: WidgetState = lock.withLock {
            let changes = WidgetState(
                values: values.filter { state.values[$0.key] != $0.value },
                bytes: bytes.filter { state.bytes[$0.key] != $0.value })
            state = state.merging(changes)
            return changes
        }
        guard !changed.keys.isEmpty else { return }
        send(method: "update", changed)
        stateDidChange(changed.keys)
    }

    /// Closes the comm: the front end's views go blank and the widget is no longer live.
    public func close() {
        WidgetRegistry.remove(modelID)
        CommRouter.send(.close(commID: modelID, data: [:]))
    }

    /// Called after keys changed, from Swift or from the front end; controls call their callbacks.
    func stateDidChange(_ keys: Set<String>) {}

    /// Called with the content of a "custom" message from the front end (a button's click).
    func receiveCustom(_ content: JSONValue) {}

    /// The text/plain form's fields, e.g. `["value=0.5", "min=0.0"]`.
    var summaryFields: [String] { [] }

    /// The text/plain form: "FloatSlider(value=0.5, min=0.0, max=10.0, …)".
    public var description: String {
        "\(type(of: self))(\(summaryFields.joined(separator: ", ")))"
    }

    /// A view of the widget, with a text/plain fallback for front ends without widgets.
    public var displayBundle: DisplayBundle {
        let view: JSONValue = ["model_id": .string(modelID), "version_major": 2, "version_minor": 1]
        let viewJSON = String(decoding: view.serialized(), as: UTF8.self)
        return DisplayBundle(plainText: description, ["application/vnd.jupyter.widget-view+json": viewJSON])
    }

    // MARK: The front end's messages

    private func receive(_ event: CommEvent) {
        switch event {
        case .message(_, let data, let buffers):
            switch data["method"]?.stringValue {
            case "update":
                let update = WidgetState(wireState: data["state"], bufferPaths: data["buffer_paths"], buffers: buffers)
                applyFrontEndUpdate(update)
            case "request_state":
                send(method: "update", fullState)
            case "custom":
                receiveCustom(data["content"] ?? .null)
            default:
                break
            }
        case .close:
            WidgetRegistry.remove(modelID)
        case .open:
            break
        }
    }

    /// Applies the front end's update, echoes it to every front end, then reports what changed.
    private func applyFrontEndUpdate(_ update: WidgetState) {
        let changedKeys: Set<String> = lock.withLock {
            let changed = update.keys.filter { key in
                update.values[key].map { state.values[key] != $0 } ?? (update.bytes[key] != state.bytes[key])
            }
            state = state.merging(update)
            return Set(changed)
        }
        send(method: "echo_update", update)
        if !changedKeys.isEmpty { stateDidChange(changedKeys) }
    }

    /// Sends a state message ("update", "echo_update") with `state`'s bytes as buffers.
    private func send(method: String, _ state: WidgetState) {
        let wire = state.wireForm
        CommRouter.send(.message(
            commID: modelID,
            data: ["method": .string(method), "state": wire.state, "buffer_paths": .array(wire.bufferPaths.map(JSONValue.array))],
            buffers: wire.buffers))
    }

    /// Sends a "custom" message with `content`.
    func sendCustom(_ content: JSONValue) {
        CommRouter.send(.message(commID: modelID, data: ["method": "custom", "content": content], buffers: []))
    }
}
