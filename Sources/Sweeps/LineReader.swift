import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The lines a child writes to a pipe, read on a thread of their own and handed out without
/// blocking: the Dask driver's events while the sweep keeps drawing its progress.
final class LineReader: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    private var ended = false

    /// Starts reading `descriptor` (closed when it ends).
    init(descriptor: Int32) {
        let thread = Thread { [self] in
            var pending: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(descriptor, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { break }
                pending += buffer[..<count]
                var complete: [String] = []
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    complete.append(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeSubrange(...newline)
                }
                if !complete.isEmpty {
                    lock.lock()
                    lines += complete
                    lock.unlock()
                }
            }
            close(descriptor)
            lock.lock()
            if !pending.isEmpty { lines.append(String(decoding: pending, as: UTF8.self)) }
            ended = true
            lock.unlock()
        }
        thread.start()
    }

    /// The lines read since the last call, and whether the pipe has ended.
    func take() -> (lines: [String], ended: Bool) {
        lock.lock()
        defer { lock.unlock() }
        let taken = lines
        lines = []
        return (taken, ended)
    }
}
