import JupyterWire

/// A MIME bundle: MIME types (`"text/plain"`, `"text/html"`, `"image/png"`, …) to JSON
/// values, plus metadata; the `data` and `metadata` of `display_data`, `execute_result`
/// and `inspect_reply`.
///
/// ```swift
/// let bundle = MIMEBundle(data: ["text/plain": "0.93", "text/html": "<b>0.93</b>"])
/// ```
public struct MIMEBundle: Sendable, Equatable {
    /// MIME type to value (a string for text and base64 images, any JSON for `application/json`).
    public var data: [String: JSONValue]
    /// Per-bundle or per-type metadata (e.g. `["image/png": ["width": 640]]`).
    public var metadata: [String: JSONValue]

    /// A bundle from its data and metadata.
    public init(data: [String: JSONValue], metadata: [String: JSONValue] = [:]) {
        self.data = data
        self.metadata = metadata
    }

    /// A bundle holding only `text/plain`.
    public static func plainText(_ text: String) -> MIMEBundle {
        MIMEBundle(data: ["text/plain": .string(text)])
    }
}
