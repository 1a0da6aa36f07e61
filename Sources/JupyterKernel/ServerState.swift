import Foundation

/// The flags every thread of a running server reads: whether it is stopping, the restart
/// flag `run()` returns, and whether the backend has been told to shut down.
final class ServerState: @unchecked Sendable {
    private let lock = NSLock()
    private var stopping = false
    private var restartFlag = false
    private var backendShutdownClaimed = false

    /// Whether ``requestStop(restart:)`` has been called.
    var isStopping: Bool { lock.withLock { stopping } }

    /// The restart flag of the first stop request (`false` for `stop()`, SIGTERM, parent death).
    var restart: Bool { lock.withLock { restartFlag } }

    /// Asks every loop to end; the first request's `restart` is the one kept.
    func requestStop(restart: Bool) {
        lock.withLock {
            guard !stopping else { return }
            stopping = true
            restartFlag = restart
        }
    }

    /// `true` exactly once: the caller is the one to call `backend.shutdown(restart:)`.
    func claimBackendShutdown() -> Bool {
        lock.withLock {
            if backendShutdownClaimed { return false }
            backendShutdownClaimed = true
            return true
        }
    }
}
