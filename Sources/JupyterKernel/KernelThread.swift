import Foundation

/// A named thread that can be waited for (Foundation's `Thread` has no join): the kernel's
/// serving loops, and a transport's own (the ZeroMQ heartbeat).
public final class KernelThread: @unchecked Sendable {
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `body` on a new thread named `name` with a 4 MiB stack.
    public init(name: String, _ body: @escaping () -> Void) {
        let finished = self.finished
        let thread = Thread {
            body()
            finished.signal()
        }
        thread.name = name
        thread.stackSize = 4 << 20
        thread.start()
    }

    /// Waits until the body has returned. Call once.
    public func join() {
        finished.wait()
    }
}
