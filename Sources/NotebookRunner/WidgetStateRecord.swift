import DynamicJSON
import Foundation
import NotebookDisplay

/// The state of every Jupyter widget a headless run's cells left open, kept from the comm
/// events they sent (each `jupyter.widget` comm's opening state, then its `update`s), and
/// written into the notebook's `metadata.widgets` as nbclient does, so a notebook viewer
/// (nbconvert's HTML) shows the controls.
final class WidgetStateRecord {
    /// Per open widget comm: its state and its binary buffers by path, in opening order.
    private var models: [(commID: String, state: JSONObject, buffers: [[JSONValue]: Data])] = []

    /// Follows one comm event: a widget opens, changes its state, or closes.
    func follow(_ event: CommEvent) {
        switch event {
        case .open(let commID, let target, let data, _, let buffers):
            guard target == "jupyter.widget", let state = data["state"]?.objectValue else { return }
            models.append((commID, state, Self.buffersByPath(data, buffers)))
        case .message(let commID, let data, let buffers):
            guard data["method"]?.stringValue == "update", let changes = data["state"]?.objectValue,
                  let index = models.firstIndex(where: { $0.commID == commID }) else { return }
            models[index].state.merge(changes) { _, new in new }
            models[index].buffers.merge(Self.buffersByPath(data, buffers)) { _, new in new }
        case .close(let commID, _):
            models.removeAll { $0.commID == commID }
        }
    }

    /// `{"application/vnd.jupyter.widget-state+json": {version_major, version_minor, state}}`
    /// for the widgets open now, or nil when there are none. Each model's buffers are written
    /// base64-encoded beside its state, with their paths.
    var notebookMetadata: JSONValue? {
        guard !models.isEmpty else { return nil }
        var state: JSONObject = [:]
        for model in models {
            var entry: JSONObject = [
                "model_name": model.state["_model_name"] ?? .string(""),
                "model_module": model.state["_model_module"] ?? .string(""),
                "model_module_version": model.state["_model_module_version"] ?? .string(""),
                "state": .object(model.state),
            ]
            if !model.buffers.isEmpty {
                entry["buffers"] = .array(model.buffers.sorted { "\($0.key)" < "\($1.key)" }.map { path, bytes in
                    .object(["path": .array(path), "encoding": "base64", "data": .string(bytes.base64EncodedString())])
                })
            }
            state[model.commID] = .object(entry)
        }
        return .object(["application/vnd.jupyter.widget-state+json": .object([
            "version_major": 2, "version_minor": 0, "state": .object(state),
        ])])
    }

    /// A message's buffers keyed by their `buffer_paths` entry (paths into its state).
    private static func buffersByPath(_ data: JSONValue, _ buffers: [Data]) -> [[JSONValue]: Data] {
        let paths = data["buffer_paths"]?.arrayValue?.compactMap(\.arrayValue) ?? []
        return Dictionary(zip(paths, buffers).map { ($0, $1) }, uniquingKeysWith: { _, new in new })
    }
}
