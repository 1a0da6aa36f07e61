#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Length-prefixed JSON messages over a file descriptor (a pipe): 4 bytes of little-endian
/// length, then the JSON text. Writes of one message are a single `write` when small, so
/// several writers never interleave inside a frame of up to `PIPE_BUF` bytes.
public struct FramedChannel: Sendable {
    /// The file descriptor read from or written to.
    public let fileDescriptor: Int32

    /// A channel over `fileDescriptor`; the channel does not own or close it.
    public init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
    }

    /// Writes one message; returns false when the other end is gone.
    @discardableResult
    public func send<Message: Encodable>(_ message: Message) -> Bool {
        guard let body = try? JSONEncoder().encode(message) else { return false }
        var frame = [UInt8]()
        frame.reserveCapacity(body.count + 4)
        withUnsafeBytes(of: UInt32(body.count).littleEndian) { frame.append(contentsOf: $0) }
        frame.append(contentsOf: body)
        return writeAll(frame)
    }

    /// Reads one message, blocking; nil at end of file or on a malformed frame.
    public func receive<Message: Decodable>(_ type: Message.Type) -> Message? {
        guard let header = readExactly(4) else { return nil }
        let length = header.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) }
        guard length < 1 << 30, let body = readExactly(Int(length)) else { return nil }
        return try? JSONDecoder().decode(Message.self, from: Data(body))
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    private func readExactly(_ count: Int) -> [UInt8]? {
        var bytes = [UInt8](repeating: 0, count: count)
        var offset = 0
        while offset < count {
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(fileDescriptor, buffer.baseAddress! + offset, count - offset)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { return nil }
            offset += got
        }
        return bytes
    }
}
