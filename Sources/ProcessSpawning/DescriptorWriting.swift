#if canImport(Glibc)
import Glibc
#endif

/// Why `writeAll` stopped before writing everything.
public enum WriteFailure: Error, Equatable, Sendable {
    /// The reader is gone, or the descriptor failed (the system's reason).
    case ended(String)
    /// The deadline passed while the reader took nothing.
    case deadlinePassed
}

/// Writes all of `bytes` to `descriptor`, retrying after signals. On a non-blocking
/// descriptor whose pipe is full, waits for room until `deadline` (nil: no limit).
public func writeAll(
    _ bytes: some Collection<UInt8>, to descriptor: Int32, deadline: ContinuousClock.Instant? = nil
) -> Result<Void, WriteFailure> {
    let contiguous = Array(bytes)
    var offset = 0
    while offset < contiguous.count {
        let count = contiguous[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        if count > 0 {
            offset += count
            continue
        }
        if count < 0 && errno == EINTR { continue }
        guard count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) else {
            return .failure(.ended(count < 0 ? String(cString: strerror(errno)) : "nothing was written"))
        }
        if let deadline, ContinuousClock.now >= deadline { return .failure(.deadlinePassed) }
        var room = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
        _ = poll(&room, 1, deadline.map { min(1000, pollMilliseconds(until: $0)) } ?? 1000)
    }
    return .success(())
}
