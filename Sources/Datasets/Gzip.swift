// The only file of this module that calls zlib. `internal import` keeps zlib's declarations
// out of what Datasets' importers see (their compiler still loads the module map, which is why
// it sits in Sources/CZlib/include, where a notebook cell's compiler looks).
internal import CZlib

/// Decompression of gzip (and zlib) data through zlib's `inflate`.
///
///     let idx = try Gzip.decompress(try DataFile.bytes(atPath: "train-labels-idx1-ubyte.gz"),
///                                   path: "train-labels-idx1-ubyte.gz")
///
/// zlib is opened with windowBits 15 + 32, so it recognises a gzip or a zlib header by itself
/// and checks the stream's checksum and length; a file of several gzip members (as `cat a.gz
/// b.gz` makes) decompresses to their concatenation, as `gunzip` does.
public enum Gzip {
    /// The first two bytes of every gzip file.
    public static let magic: [UInt8] = [0x1f, 0x8b]

    /// Whether `bytes` starts with gzip's magic `1f 8b`.
    ///
    ///     Gzip.hasGzipMagic([0x1f, 0x8b, 0x08])   // true
    public static func hasGzipMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] == magic[0] && bytes[1] == magic[1]
    }

    /// The decompressed content of a gzip or zlib stream.
    ///
    /// - Parameters:
    ///   - compressed: the whole stream, header to trailer.
    ///   - path: the file it came from, named in errors.
    /// - Throws: `DataFileError.notCompressed` if it has neither a gzip nor a zlib header,
    ///   `.truncatedCompressed` if it ends early, `.corruptCompressed` (with zlib's reason) if
    ///   zlib refuses it or its checksum does not match.
    public static func decompress(_ compressed: [UInt8], path: String) throws -> [UInt8] {
        guard hasGzipMagic(compressed) || hasZlibHeader(compressed) else { throw DataFileError.notCompressed(path: path) }
        guard compressed.count <= Int(UInt32.max) else {
            throw DataFileError.corruptCompressed(path: path, detail: "more than 4 GiB of compressed data is not supported")
        }
        var stream = z_stream()
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw DataFileError.corruptCompressed(path: path, detail: "zlib could not start (out of memory?)")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        output.reserveCapacity(sizeHint(compressed))
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        try compressed.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            stream.avail_in = UInt32(input.count)
            try chunk.withUnsafeMutableBufferPointer { buffer in
                while true {
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    output.append(contentsOf: buffer[0..<(buffer.count - Int(stream.avail_out))])
                    switch status {
                    case Z_OK:
                        continue
                    case Z_STREAM_END:
                        let rest = input[(input.count - Int(stream.avail_in))...]
                        if rest.allSatisfy({ $0 == 0 }) { return }  // the end, or zero padding
                        guard hasGzipMagic(Array(rest.prefix(2))) else {
                            throw DataFileError.corruptCompressed(
                                path: path, detail: "\(rest.count) bytes that are not gzip follow the end of the stream")
                        }
                        inflateReset(&stream)  // the next member of a multi-member file
                    case Z_BUF_ERROR where stream.avail_in == 0:
                        throw DataFileError.truncatedCompressed(path: path)
                    case Z_BUF_ERROR:
                        continue
                    case Z_NEED_DICT:
                        throw DataFileError.corruptCompressed(path: path, detail: "the zlib stream needs a preset dictionary")
                    case Z_MEM_ERROR:
                        throw DataFileError.corruptCompressed(path: path, detail: "zlib ran out of memory")
                    default:
                        let detail = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                        throw DataFileError.corruptCompressed(path: path, detail: detail)
                    }
                }
            }
        }
        return output
    }

    /// Whether `bytes` starts with a zlib header (RFC 1950: deflate, a window of at most
    /// 32 KiB, and a check value making the first two bytes a multiple of 31).
    static func hasZlibHeader(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 2 && bytes[0] & 0x0f == 8 && bytes[0] >> 4 <= 7 && (Int(bytes[0]) << 8 | Int(bytes[1])) % 31 == 0
    }

    /// The decompressed size a gzip stream states in its last four bytes (modulo 2^32), if
    /// plausible (deflate compresses at most about 1032:1), else 4 times the input size.
    static func sizeHint(_ compressed: [UInt8]) -> Int {
        let fallback = 4 * compressed.count
        guard hasGzipMagic(compressed), compressed.count >= 18 else { return fallback }
        let tail = compressed.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        return tail <= 1032 * compressed.count ? tail : fallback
    }
}
