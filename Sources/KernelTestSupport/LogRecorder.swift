import Foundation
import JupyterKernel

/// Collects log lines so tests can check what the kernel logged.
public final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    /// A recorder with no lines yet.
    public init() {}

    /// The lines logged so far, in order.
    public var lines: [String] { lock.withLock { stored } }

    /// A log at level debug writing into this recorder.
    public var log: KernelLog {
        KernelLog(level: .debug) { [self] line in lock.withLock { stored.append(line) } }
    }

    /// Whether a line contains `text`.
    public func contains(_ text: String) -> Bool { lines.contains { $0.contains(text) } }
}
