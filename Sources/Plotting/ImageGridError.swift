/// Why `imageGrid` or `adversarialGrid` cannot draw the images it was given, as one
/// sentence that names what was expected.
public enum ImageGridError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The images' shape is none of `[N, C, H, W]` (C = 1 or 3), `[N, H, W]` or
    /// `[N, side * side]` / `[N, 3 * side * side]`.
    case unsupportedShape(shape: [Int], reason: String)
    /// There are no images to draw.
    case noImages
    /// The number of labels differs from the number of images.
    case labelCount(labels: Int, images: Int, parameter: String)
    /// `columns` (or `scale`) is not positive.
    case invalidParameter(name: String, value: String, requirement: String)
    /// The original and adversarial images differ in shape.
    case shapeMismatch(original: [Int], adversarial: [Int])
    /// The requested width and height leave no room for the tiles.
    case sizeTooSmall(width: Int, height: Int, minimumWidth: Int, minimumHeight: Int)

    /// The reason as one sentence.
    public var description: String {
        switch self {
        case let .unsupportedShape(shape, reason):
            return "cannot show images of shape \(shape): \(reason); expected [N, C, H, W] with C = 1 (grey) or 3 (RGB), "
                + "[N, H, W], or [N, side * side] with side given"
        case .noImages:
            return "an image grid needs at least one image, got none"
        case let .labelCount(labels, images, parameter):
            return "\(parameter) has \(labels) entries for \(images) images; give one per image"
        case let .invalidParameter(name, value, requirement):
            return "an image grid needs \(name) \(requirement), got \(value)"
        case let .shapeMismatch(original, adversarial):
            return "original images of shape \(original) and adversarial images of shape \(adversarial) differ; "
                + "an adversarial example has the shape of its original"
        case let .sizeTooSmall(width, height, minimumWidth, minimumHeight):
            return "a figure of \(width)x\(height) pixels is too small for these tiles: it needs more than "
                + "\(minimumWidth)x\(minimumHeight) pixels"
        }
    }
}
