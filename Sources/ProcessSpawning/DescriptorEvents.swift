#if canImport(Glibc)
import Glibc
#endif

/// What `waitForEvents` saw on one descriptor.
public struct DescriptorEvents: Equatable, Sendable {
    /// The descriptor.
    public var descriptor: Int32
    /// Data (or the end of the data) can be read without blocking.
    public var readable: Bool
    /// The other end is gone, or the descriptor is in error or not open.
    public var hungUp: Bool
}

/// Waits until one of `descriptors` can be read or is hung up, or `timeout` passes (nil: no
/// limit), on the calling thread; a signal's interruption is waited out again with what
/// is left of the timeout.
///
/// - Parameters:
///   - descriptors: the descriptors to watch for input and hang-ups.
///   - hangUpOnly: descriptors watched only for a hang-up (their input belongs to someone else).
/// - Returns: the descriptors with something to report, empty when the timeout passed.
public func waitForEvents(
    _ descriptors: [Int32], hangUpOnly: [Int32] = [], timeout: Duration?
) -> [DescriptorEvents] {
    var watched = descriptors.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
        + hangUpOnly.map { pollfd(fd: $0, events: 0, revents: 0) }
    let deadline = timeout.map { ContinuousClock.now + $0 }
    while true {
        let milliseconds = deadline.map { pollMilliseconds(until: $0) } ?? -1
        let ready = poll(&watched, nfds_t(watched.count), milliseconds)
        if ready < 0 && errno == EINTR { continue }
        if ready < 0 {
            return watched.map { DescriptorEvents(descriptor: $0.fd, readable: false, hungUp: true) }
        }
        return watched.filter { $0.revents != 0 }.map { entry in
            DescriptorEvents(
                descriptor: entry.fd, readable: entry.revents & Int16(POLLIN) != 0,
                hungUp: entry.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0)
        }
    }
}

/// `poll`'s timeout for a wait until `deadline`: at least 0, rounded up to whole milliseconds.
func pollMilliseconds(until deadline: ContinuousClock.Instant) -> Int32 {
    let left = deadline - ContinuousClock.now
    guard left > .zero else { return 0 }
    let (seconds, attoseconds) = left.components
    return Int32(min(Int64(Int32.max), seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000))
}
