/// An IDX file of unsigned bytes, the format of MNIST and Fashion-MNIST: its dimensions and
/// its data, read from disk (gzipped as shipped, or uncompressed) or built in memory.
///
/// The format (big-endian throughout):
///
///     bytes 0-1    00 00
///     byte  2      element type: 08 unsigned byte (the only one read here; 09 signed byte,
///                  0b int16, 0c int32, 0d float32, 0e float64 are refused by name)
///     byte  3      number of dimensions d
///     4 * d bytes  the size of each dimension, UInt32
///     the rest     the elements, row-major: exactly the product of the sizes
///
/// An image file has 3 dimensions `[images, rows, columns]` (60000, 28, 28), a label file
/// one `[labels]`.
///
///     let labels = try IDXFile(contentsOf: "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz")
///     labels.dimensions    // [10000]
///     labels.data.prefix(3) // [9, 2, 1]
public struct IDXFile: Equatable, Sendable {
    /// What an IDX file holds, which fixes its number of dimensions.
    public enum Role: String, Equatable, Sendable {
        /// Images: 3 dimensions `[images, rows, columns]`.
        case images
        /// Labels: 1 dimension `[labels]`.
        case labels

        /// The number of dimensions a file of this role has.
        public var rank: Int { self == .images ? 3 : 1 }

        /// The requirement, as error texts state it.
        var requirement: String {
            self == .images
                ? "an IDX image file needs 3 dimensions [images, rows, columns]"
                : "an IDX label file needs 1 dimension [labels]"
        }
    }

    /// Where the file came from (named in errors); empty for one built in memory.
    public let path: String
    /// The size of each dimension, such as `[60000, 28, 28]`.
    public let dimensions: [Int]
    /// The elements in row-major order: `dimensions.reduce(1, *)` bytes.
    public let data: [UInt8]

    /// An IDX file built in memory, for writing (`encoded`) or for tests.
    ///
    ///     let two = IDXFile(dimensions: [2, 2, 2], data: [0, 255, 1, 2, 3, 4, 5, 6])
    ///
    /// Stops if `data.count` differs from the product of `dimensions` or a size is negative.
    public init(dimensions: [Int], data: [UInt8], path: String = "") {
        guard dimensions.allSatisfy({ (0...Int(UInt32.max)).contains($0) }), dimensions.reduce(1, *) == data.count else {
            fatalError("IDXFile: dimensions \(dimensions) need \(dimensions.reduce(1, *)) bytes of data, got \(data.count)")
        }
        self.path = path
        self.dimensions = dimensions
        self.data = data
    }

    /// Reads the IDX file at `path`, decompressing it first if it starts with gzip's magic
    /// `1f 8b` (so `train-images-idx3-ubyte.gz` and `train-images-idx3-ubyte` both work).
    ///
    /// - Throws: `DataFileError`: `.missing`, `.unreadable`, the gzip errors, and those of
    ///   `init(parsing:path:)`.
    public init(contentsOf path: String) throws {
        try self.init(parsing: try DataFile.contents(atPath: path), path: path)
    }

    /// Parses the (uncompressed) bytes of an IDX file.
    ///
    /// - Throws: `DataFileError.notIDX` if the bytes do not start with `00 00`, a known type
    ///   byte and a dimension count; `.unsupportedElementType` for a type other than `08`;
    ///   `.truncatedHeader` or `.truncated` if there are fewer bytes than the header says;
    ///   `.trailingBytes` if there are more.
    public init(parsing bytes: [UInt8], path: String) throws {
        let startsLikeIDX = bytes.prefix(2).allSatisfy { $0 == 0 } && (bytes.count < 3 || IDXFile.elementTypeCodes.contains(bytes[2]))
        guard startsLikeIDX, !bytes.isEmpty else { throw DataFileError.notIDX(path: path, firstBytes: Array(bytes.prefix(4))) }
        guard bytes.count >= 4 else { throw DataFileError.truncatedHeader(path: path, headerBytes: 4, fileBytes: bytes.count) }
        guard bytes[2] == 0x08 else { throw DataFileError.unsupportedElementType(path: path, code: bytes[2]) }
        let rank = Int(bytes[3])
        let headerBytes = 4 + 4 * rank
        guard bytes.count >= headerBytes else {
            throw DataFileError.truncatedHeader(path: path, headerBytes: headerBytes, fileBytes: bytes.count)
        }
        let dimensions = (0..<rank).map { axis in
            bytes[(4 + 4 * axis)..<(8 + 4 * axis)].reduce(0) { $0 << 8 | Int($1) }
        }
        // Each size is below 2^32; the product of several may overflow Int, and is then
        // certainly more than the file holds.
        var expected = 1
        for size in dimensions {
            let (product, overflow) = expected.multipliedReportingOverflow(by: size)
            expected = overflow ? Int.max : product
        }
        let actual = bytes.count - headerBytes
        guard actual >= expected else {
            throw DataFileError.truncated(path: path, dimensions: dimensions, expectedBytes: expected, actualBytes: actual)
        }
        guard actual == expected else {
            throw DataFileError.trailingBytes(path: path, dimensions: dimensions, expectedBytes: expected, actualBytes: actual)
        }
        self.init(dimensions: dimensions, data: Array(bytes[headerBytes...]), path: path)
    }

    /// The file's bytes (header and data, uncompressed), ready to be written to disk.
    ///
    ///     IDXFile(dimensions: [2], data: [7, 3]).encoded   // [0, 0, 8, 1, 0, 0, 0, 2, 7, 3]
    public var encoded: [UInt8] {
        var bytes: [UInt8] = [0, 0, 0x08, UInt8(dimensions.count)]
        for size in dimensions { bytes += (0..<4).map { UInt8(truncatingIfNeeded: size >> (8 * (3 - $0))) } }
        return bytes + data
    }

    /// Checks that the file has the number of dimensions its role needs.
    ///
    /// - Throws: `DataFileError.wrongDimensions` otherwise.
    public func require(_ role: Role) throws {
        guard dimensions.count == role.rank else {
            throw DataFileError.wrongDimensions(path: path, dimensions: dimensions, expected: role)
        }
    }

    /// The element type codes the format defines.
    static let elementTypeCodes: Set<UInt8> = [0x08, 0x09, 0x0b, 0x0c, 0x0d, 0x0e]

    /// The name of an IDX element type code, for error texts.
    static func elementTypeName(_ code: UInt8) -> String {
        switch code {
        case 0x08: return "unsigned byte"
        case 0x09: return "signed byte"
        case 0x0b: return "16-bit integer"
        case 0x0c: return "32-bit integer"
        case 0x0d: return "32-bit float"
        case 0x0e: return "64-bit float"
        default: return "unknown"
        }
    }
}
