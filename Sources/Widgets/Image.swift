import DynamicJSON
import Foundation

/// An image from encoded bytes (ImageModel): PNG, JPEG, GIF or SVG. The bytes travel as a
/// binary buffer, not as base64 inside the JSON; replacing them redraws the image.
///
///     let picture = Image(png: pngData, width: "280")
///     picture.setImage(nextPNG)
public final class Image: DOMWidget, @unchecked Sendable {
    /// An image of `data` in `format` ("png", "jpeg", "gif", "svg+xml"); `width` and `height`
    /// are HTML sizes ("280", "50%") or "" for the image's own.
    public init(_ data: Data = Data(), format: String = "png", width: String = "", height: String = "") {
        let state = WidgetState(
            values: ["format": .string(format), "width": .string(width), "height": .string(height)], bytes: ["value": data])
        super.init(model: .controls("Image"), style: nil, description: nil, state: state)
    }

    /// A PNG image.
    public convenience init(png data: Data, width: String = "", height: String = "") {
        self.init(data, format: "png", width: width, height: height)
    }

    /// The encoded image.
    public var data: Data { bytes(of: "value") ?? Data() }

    /// The encoding ("png").
    public var format: String { value(of: "format")?.stringValue ?? "" }

    /// Replaces the image, and its format when given.
    public func setImage(_ data: Data, format: String? = nil) {
        setState(format.map { ["format": .string($0)] } ?? [:], bytes: ["value": data])
    }

    override var summaryFields: [String] { ["value=<\(data.count) bytes>", "format='\(format)'"] }
}
