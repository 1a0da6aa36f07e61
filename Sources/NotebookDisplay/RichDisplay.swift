/// A value that can show itself in a notebook in richer forms than text.
///
///     extension Histogram: RichDisplayable {
///         var displayBundle: DisplayBundle {
///             DisplayBundle(plainText: description, ["image/png": pngBase64])
///         }
///     }
public protocol RichDisplayable {
    /// The representations to show; "text/plain" should always be there.
    var displayBundle: DisplayBundle { get }
}

/// Representations of one value by MIME type ("text/plain", "text/html", "image/png" as base64,
/// "image/svg+xml", "text/latex", "application/json" as JSON text), with optional metadata.
/// Codable, so the executor process can send it to the session as it is.
public struct DisplayBundle: Codable, Sendable, Equatable {
    /// MIME type to content; binary formats (PNG) are base64 text.
    public var data: [String: String]
    /// Metadata as JSON object text (e.g. `{"image/png": {"width": 640}}`), or empty.
    public var metadataJSON: String

    /// A bundle with the given representations.
    public init(data: [String: String], metadataJSON: String = "") {
        self.data = data
        self.metadataJSON = metadataJSON
    }

    /// A bundle with a plain-text form and any others.
    public init(plainText: String, _ others: [String: String] = [:], metadataJSON: String = "") {
        var data = others
        data["text/plain"] = plainText
        self.init(data: data, metadataJSON: metadataJSON)
    }

    /// The bundle a value shows as: its own when it is `RichDisplayable`, otherwise its text.
    /// Strings show quoted, as in a REPL, so `"1"` and `1` look different; a long collection
    /// shows its ends (`CollectionSummary`).
    public static func of(_ value: Any) -> DisplayBundle {
        if let rich = value as? RichDisplayable {
            var bundle = rich.displayBundle
            if bundle.data["text/plain"] == nil { bundle.data["text/plain"] = String(describing: value) }
            return bundle
        }
        if value is String || value is Substring || value is Character {
            return DisplayBundle(plainText: String(reflecting: value))
        }
        return DisplayBundle(plainText: CollectionSummary.text(of: value) ?? String(describing: value))
    }
}

extension DisplayBundle: RichDisplayable {
    /// A bundle shows as itself, so `display(DisplayBundle(...))` sends it unchanged.
    public var displayBundle: DisplayBundle { self }
}
