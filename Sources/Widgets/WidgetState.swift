import DynamicJSON
import Foundation

/// A widget's synchronised state: JSON values by key, and the values that are raw bytes (an
/// image's `value`), which travel as binary buffers beside the JSON rather than inside it.
public struct WidgetState: Sendable, Equatable {
    /// The JSON-valued keys.
    public var values: JSONObject
    /// The byte-valued keys.
    public var bytes: [String: Data]

    /// A state of the given values and bytes.
    public init(values: JSONObject = [:], bytes: [String: Data] = [:]) {
        self.values = values
        self.bytes = bytes
    }

    /// Every key, JSON- or byte-valued.
    public var keys: Set<String> { Set(values.keys).union(bytes.keys) }

    /// `other`'s keys over these.
    func merging(_ other: WidgetState) -> WidgetState {
        WidgetState(
            values: values.merging(other.values) { _, new in new },
            bytes: bytes.merging(other.bytes) { _, new in new })
    }

    /// Only the given keys.
    func restricted(to keys: Set<String>) -> WidgetState {
        WidgetState(values: values.filter { keys.contains($0.key) }, bytes: bytes.filter { keys.contains($0.key) })
    }

    /// The protocol's form: the JSON state without the byte keys, the path of each buffer
    /// (`[["value"]]`), and the buffers in the same order. Keys are sorted so the order is stable.
    var wireForm: (state: JSONValue, bufferPaths: [[JSONValue]], buffers: [Data]) {
        let byteKeys = bytes.keys.sorted()
        return (.object(values), byteKeys.map { [.string($0)] }, byteKeys.map { bytes[$0]! })
    }

    /// A state received from the front end: `state` with `buffers` put back at `bufferPaths`.
    /// Only top-level paths (`["value"]`) name byte keys; a deeper path is not used by the
    /// controls here, and its buffer is dropped.
    init(wireState state: JSONValue?, bufferPaths: JSONValue?, buffers: [Data]) {
        self.init(values: state?.objectValue ?? [:])
        for (index, path) in (bufferPaths?.arrayValue ?? []).enumerated() where index < buffers.count {
            if let elements = path.arrayValue, elements.count == 1, let key = elements[0].stringValue {
                bytes[key] = buffers[index]
                values[key] = nil
            }
        }
    }
}
