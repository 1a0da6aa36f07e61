#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a whole data file into memory, gunzipped when it is gzip: how the IDX reader sees
/// both the files as shipped (`train-images-idx3-ubyte.gz`) and uncompressed ones.
///
///     let raw = try DataFile.bytes(atPath: "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz")
///     let idx = try DataFile.contents(atPath: "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz")
///     // raw: 5,125 gzip bytes; idx: 10,008 IDX bytes
///
/// The choice is made by the content, not the name: a file starting with gzip's magic
/// `1f 8b` is decompressed, any other is returned as it is.
public enum DataFile {
    /// The file's bytes, as stored.
    ///
    /// - Throws: `DataFileError.missing` if there is no such file, `.unreadable` (with the
    ///   system's reason) if it is a folder or cannot be opened or read.
    public static func bytes(atPath path: String) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT { throw DataFileError.missing(path: path) }
            throw DataFileError.unreadable(path: path, reason: reason(code))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw DataFileError.unreadable(path: path, reason: reason(errno)) }
        guard (status.st_mode & S_IFMT) != S_IFDIR else { throw DataFileError.unreadable(path: path, reason: "it is a folder") }
        var result: [UInt8] = []
        result.reserveCapacity(Int(status.st_size))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if got < 0 {
                if errno == EINTR { continue }
                throw DataFileError.unreadable(path: path, reason: reason(errno))
            }
            if got == 0 { return result }
            result.append(contentsOf: chunk[0..<got])
        }
    }

    /// The file's bytes, decompressed if they start with gzip's magic `1f 8b`.
    ///
    /// - Throws: what `bytes(atPath:)` and `Gzip.decompress(_:path:)` throw.
    public static func contents(atPath path: String) throws -> [UInt8] {
        let stored = try bytes(atPath: path)
        return Gzip.hasGzipMagic(stored) ? try Gzip.decompress(stored, path: path) : stored
    }

    /// Whether anything (a file, a folder) exists at `path`.
    ///
    ///     DataFile.exists(atPath: "/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")   // true once installed
    public static func exists(atPath path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0
    }

    /// The system's text for an `errno` value ("Permission denied").
    private static func reason(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}
