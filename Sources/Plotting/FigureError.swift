/// Why a figure could not be saved.
public enum FigureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name does not end in .png, .svg or .pdf.
    case unsupportedExtension(path: String)
    /// The file could not be written.
    case writeFailed(path: String, reason: String)

    /// The reason as one sentence.
    public var description: String {
        switch self {
        case .unsupportedExtension(let path):
            return "cannot save a figure as \(path): the file name must end in .png, .svg or .pdf"
        case .writeFailed(let path, let reason):
            return "cannot write the figure to \(path): \(reason)"
        }
    }
}
