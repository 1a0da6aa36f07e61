import Foundation

/// The kernel's log: one line per event on stderr, `[swift-margin] LEVEL message`.
///
/// A message is written when its level is at or above the log's threshold in importance
/// (`.info` writes errors, warnings and info; `.debug` writes everything). The message is
/// built only when it is written.
///
/// ```swift
/// let log = KernelLog(level: .info)
/// log(.warning, "dropped a message with a bad signature")
/// // [swift-margin] WARNING dropped a message with a bad signature
/// ```
public struct KernelLog: Sendable {
    /// How important a line is, most important first.
    public enum Level: Int, Comparable, Sendable, CaseIterable {
        /// Something failed.
        case error
        /// Something was wrong but the kernel carries on (e.g. a dropped message).
        case warning
        /// Start, stop, endpoints.
        case info
        /// Every message received.
        case debug

        /// The word written in the line: `ERROR`, `WARNING`, `INFO`, `DEBUG`.
        public var label: String {
            switch self {
            case .error: return "ERROR"
            case .warning: return "WARNING"
            case .info: return "INFO"
            case .debug: return "DEBUG"
            }
        }

        /// More important levels compare smaller: `.error < .debug`.
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// The least important level written.
    public var level: Level
    /// Where lines go; `nil` is stderr.
    private let sink: (@Sendable (String) -> Void)?

    /// A log writing lines of `level` and more important ones to stderr.
    public init(level: Level) {
        self.level = level
        self.sink = nil
    }

    /// A log handing each line (without its newline) to `sink` instead of stderr; for tests
    /// and embedding.
    public init(level: Level, sink: @escaping @Sendable (String) -> Void) {
        self.level = level
        self.sink = sink
    }

    /// Whether lines of `level` are written.
    public func isEnabled(_ level: Level) -> Bool { level <= self.level }

    /// Writes `[swift-margin] LEVEL message` if `level` is enabled.
    public func callAsFunction(_ level: Level, _ message: @autoclosure () -> String) {
        guard isEnabled(level) else { return }
        let line = "[swift-margin] \(level.label) \(message())"
        if let sink {
            sink(line)
        } else {
            // One write(2) per line, so lines from different threads do not interleave.
            let bytes = Array((line + "\n").utf8)
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                    if written < 0 {
                        if errno == EINTR { continue }
                        return
                    }
                    offset += written
                }
            }
        }
    }
}
