#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One of the executor's output files (standard output or error), which the executor appends
/// to and the session reads as it grows. It is emptied before each cell, so it never holds
/// more than one cell's output.
struct OutputFile {
    private let descriptor: Int32
    private let path: String
    /// How far the session has read.
    private var offset: Int64 = 0
    private var decoder = UTF8Accumulator()

    /// Creates (or empties) the file and opens it for reading.
    init(path: String) throws(SessionSetupError) {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw SessionSetupError("cannot create \(path): \(String(cString: strerror(errno)))")
        }
    }

    /// A new descriptor that appends to the file (for the executor's standard output or error).
    func openForAppending() throws(SessionSetupError) -> Int32 {
        let appender = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        guard appender >= 0 else {
            throw SessionSetupError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        return appender
    }

    /// The file's current size.
    var size: Int64 {
        var status = stat()
        return fstat(descriptor, &status) == 0 ? Int64(status.st_size) : offset
    }

    /// Empties the file before a cell (nothing writes to it between cells).
    mutating func restart() {
        _ = ftruncate(descriptor, 0)
        offset = 0
        _ = decoder.flush()
    }

    /// The text from where the session stopped reading up to `end` (nil: the current size),
    /// or only its first `maxBytes` bytes (the rest stays to be read or skipped).
    mutating func read(upTo end: Int64?, maxBytes: Int64 = .max) -> String {
        let (limit, overflow) = offset.addingReportingOverflow(max(0, maxBytes))
        let target = min(end ?? size, overflow ? .max : limit)
        guard target > offset else { return "" }
        var bytes = [UInt8](repeating: 0, count: Int(target - offset))
        let count = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, off_t(offset)) }
        guard count > 0 else { return "" }
        offset += Int64(count)
        return decoder.text(appending: bytes[..<count])
    }

    /// Moves past what the file holds up to `end` (nil: the current size) without reading it;
    /// returns how many bytes were passed over.
    mutating func skip(upTo end: Int64?) -> Int64 {
        let target = end ?? size
        guard target > offset else { return 0 }
        defer { offset = target }
        _ = decoder.flush()
        return target - offset
    }

    /// Bytes held back as an unfinished character, decoded as they are (at a cell's end).
    mutating func flushText() -> String {
        decoder.flush()
    }

    /// Closes the file (the executor may keep appending to its own descriptor).
    func close() {
        Glibc.close(descriptor)
    }
}
