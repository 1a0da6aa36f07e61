import Foundation

/// The callbacks a control calls with its new value, in the order they were added.
final class ChangeCallbacks<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var callbacks: [(Value) -> Void] = []

    func add(_ callback: @escaping (Value) -> Void) {
        lock.withLock { callbacks.append(callback) }
    }

    /// Calls every callback with `value` (outside the lock: a callback may add another).
    func call(with value: Value) {
        for callback in lock.withLock({ callbacks }) { callback(value) }
    }
}
