import DynamicJSON
import Foundation

/// One output of a code cell, in the shapes of nbformat 4.
enum NotebookOutput: Equatable {
    /// Printed text of one stream, `stdout` or `stderr` (`stream`).
    case stream(name: String, text: String)
    /// A display: MIME type to content, and metadata (`display_data`).
    case display(data: [String: String], metadata: JSONObject)
    /// The cell's result, with the cell's execution count (`execute_result`).
    case result(data: [String: String], metadata: JSONObject, executionCount: Int)
    /// An uncaught error: its name, message and traceback lines (`error`).
    case error(name: String, message: String, traceback: [String])

    /// The output as nbformat's JSON object.
    var json: JSONValue {
        switch self {
        case .stream(let name, let text):
            return ["output_type": "stream", "name": .string(name), "text": .string(text)]
        case .display(let data, let metadata):
            return ["output_type": "display_data", "data": Self.mimeBundle(data), "metadata": .object(metadata)]
        case .result(let data, let metadata, let executionCount):
            return [
                "output_type": "execute_result", "execution_count": .int(executionCount),
                "data": Self.mimeBundle(data), "metadata": .object(metadata),
            ]
        case .error(let name, let message, let traceback):
            return [
                "output_type": "error", "ename": .string(name), "evalue": .string(message),
                "traceback": .array(traceback.map(JSONValue.string)),
            ]
        }
    }

    /// nbformat's MIME bundle: JSON types (`application/json`, `...+json`, a widget's view) as
    /// JSON, the rest as text (images are base64 already).
    private static func mimeBundle(_ data: [String: String]) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: data.map { type, text in
            if type == "application/json" || type.hasSuffix("+json"), let parsed = try? JSONValue(parsing: Data(text.utf8)) {
                return (type, parsed)
            }
            return (type, .string(text))
        }))
    }
}
