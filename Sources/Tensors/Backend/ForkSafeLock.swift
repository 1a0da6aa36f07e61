import Foundation

/// A lock around a value, on a POSIX mutex, for state that worker threads share inside a
/// process that may have been forked (every notebook cell runs in a fork of the session).
///
/// Synchronization's `Mutex` is not safe there on Linux: it stores its owner's thread id,
/// which the Swift runtime caches per thread, and a forked child inherits the cache of the
/// thread that forked. When the child's first thread and a thread it starts contend for a
/// `Mutex`, the kernel and the cached id disagree about the owner and the unlock traps
/// ("Call to unlock Mutex on a thread which hasn't acquired the lock"). glibc's mutex takes
/// the id from the thread descriptor, which `fork` rewrites for the child.
final class ForkSafeLock<Value>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value

    /// A lock guarding `value`.
    init(_ value: Value) {
        self.value = value
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` on the value with the lock held.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
