import DynamicJSON
import Foundation
import NotebookDisplay

/// The kernel's end of the "jupyter.widget.control" comm (control protocol 1.0): a front end
/// that loads a notebook, or reloads its page, opens it and sends `{"method": "request_states"}`;
/// the answer, "update_states", carries every live widget's model and full state, so the
/// controls come back without a message per widget.
enum ControlComm {
    /// The comm target the front end opens.
    static let target = "jupyter.widget.control"

    /// Registers the target's handler with `CommRouter` (idempotent: a later call replaces it).
    static func register() {
        CommRouter.handle(target: target) { event in
            guard case .open(let commID, _, _, _, _) = event else { return }
            CommRouter.handle(commID: commID) { message in
                guard case .message(_, let data, _) = message, data["method"]?.stringValue == "request_states" else { return }
                let answer = updateStates()
                CommRouter.send(.message(commID: commID, data: answer.data, buffers: answer.buffers))
            }
        }
    }

    /// The "update_states" message: `states` maps each model id to its model's name, module,
    /// version and state; `buffer_paths` lists each buffer's path from `states`
    /// (`[model id, "state", key]`), in the order of the buffers.
    static func updateStates() -> (data: JSONValue, buffers: [Data]) {
        var states: JSONObject = [:]
        var bufferPaths: [JSONValue] = []
        var buffers: [Data] = []
        for widget in WidgetRegistry.all.sorted(by: { $0.modelID < $1.modelID }) {
            let wire = widget.fullState.wireForm
            states[widget.modelID] = widget.modelEntry(state: wire.state)
            for (path, buffer) in zip(wire.bufferPaths, wire.buffers) {
                bufferPaths.append(.array([.string(widget.modelID), "state"] + path))
                buffers.append(buffer)
            }
        }
        return (["method": "update_states", "states": .object(states), "buffer_paths": .array(bufferPaths)], buffers)
    }
}

extension Widget {
    /// `{"model_name", "model_module", "model_module_version", "state"}`: how the control comm
    /// and the notebook's saved widget state describe one widget.
    func modelEntry(state: JSONValue) -> JSONValue {
        [
            "model_name": .string(model.name), "model_module": .string(model.module),
            "model_module_version": .string(model.moduleVersion), "state": state,
        ]
    }
}
