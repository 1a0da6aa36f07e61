import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Stops the server when the process that started the kernel is gone, checked every second:
/// when `getppid()` changes (the kernel was re-parented, typically to 1), or when the process
/// named by `JPY_PARENT_PID` (which jupyter_client sets) no longer exists.
struct ParentWatcher {
    /// How often the parent is checked.
    static let interval: Duration = .seconds(1)

    let state: ServerState
    let log: KernelLog
    /// Called once when the parent is gone.
    let parentGone: () -> Void

    /// Starts watching on a thread named `kernel-parent-watcher`; it ends when the server stops.
    func start() -> KernelThread {
        let initialParent = getppid()
        let namedParent = ProcessInfo.processInfo.environment["JPY_PARENT_PID"].flatMap { Int32($0) }
        return KernelThread(name: "kernel-parent-watcher") {
            let clock = ContinuousClock()
            var next = clock.now + Self.interval
            while !state.isStopping {
                Thread.sleep(forTimeInterval: 0.05)
                guard clock.now >= next else { continue }
                next = clock.now + Self.interval
                if let reason = Self.parentGoneReason(initialParent: initialParent, namedParent: namedParent) {
                    log(.warning, "\(reason): stopping")
                    parentGone()
                    return
                }
            }
        }
    }

    /// Why the parent counts as gone, or `nil` while it is alive.
    static func parentGoneReason(initialParent: pid_t, namedParent: pid_t?) -> String? {
        let parent = getppid()
        if initialParent > 1 && parent != initialParent {
            return "the parent process \(initialParent) is gone (the parent is now \(parent))"
        }
        if let namedParent, namedParent > 1, kill(namedParent, 0) != 0, errno == ESRCH {
            return "the process JPY_PARENT_PID names (\(namedParent)) is gone"
        }
        return nil
    }
}
