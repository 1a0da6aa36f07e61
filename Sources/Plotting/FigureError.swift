import Foundation

/// Why a figure (or an animation) could not be drawn or saved.
public enum FigureError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name does not end in .png, .svg or .pdf.
    case unsupportedExtension(path: String)
    /// The file could not be written.
    case writeFailed(path: String, reason: String)
    /// An animation without frames has nothing to draw.
    case noFrames

    /// The reason as one sentence.
    public var description: String {
        switch self {
        case .unsupportedExtension(let path):
            return "cannot save a figure as \(path): the file name must end in .png, .svg or .pdf"
        case .writeFailed(let path, let reason):
            return "cannot write the figure to \(path): \(reason)"
        case .noFrames:
            return "an animation needs at least one frame, got none"
        }
    }
}

extension FigureError {
    /// Writes a drawn image's bytes to `path`; a failure is `writeFailed` with the system's reason.
    static func write(_ data: Data, to path: String) throws(FigureError) {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw .writeFailed(path: path, reason: error.localizedDescription)
        }
    }
}
