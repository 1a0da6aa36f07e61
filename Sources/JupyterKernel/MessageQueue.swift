import Foundation

/// A first-in first-out queue of multipart messages between threads: ``put(_:)`` never blocks,
/// ``take(timeout:)`` waits up to a timeout. One direction of one ``InMemoryTransport`` channel.
final class MessageQueue: @unchecked Sendable {
    /// The channel the queue carries, named by the error a closed queue throws.
    let channel: KernelChannel
    private let condition = NSCondition()
    private var messages: [[Data]] = []
    private var closed = false

    /// An empty, open queue for `channel`.
    init(channel: KernelChannel) {
        self.channel = channel
    }

    /// Appends `frames` and wakes a waiting ``take(timeout:)``; dropped once the queue is closed
    /// (as a message to a peer that is gone).
    func put(_ frames: [Data]) {
        condition.withLock {
            guard !closed else { return }
            messages.append(frames)
            condition.signal()
        }
    }

    /// The oldest message, waiting up to `timeout` for one; `nil` if none came.
    /// - Throws: `InMemoryTransportError.closed` once the queue is closed.
    func take(timeout: Duration) throws(InMemoryTransportError) -> [Data]? {
        let deadline = Date(timeIntervalSinceNow: timeout.seconds)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if closed { throw .closed(channel) }
            if !messages.isEmpty { return messages.removeFirst() }
            if !condition.wait(until: deadline) { return nil }
        }
    }

    /// Drops the waiting messages; later puts are dropped and takes throw.
    func close() {
        condition.withLock {
            closed = true
            messages.removeAll()
            condition.broadcast()
        }
    }
}

extension Duration {
    /// The duration in seconds, for Foundation's dates.
    fileprivate var seconds: TimeInterval {
        let (seconds, attoseconds) = components
        return TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18
    }
}
