/// A problem reading a data file (a gzip stream, an IDX file, an images/labels pair), worded
/// for the person who called it: each text starts with the path of the file at fault and says
/// what is wrong with it.
///
///     DataFileError.missing(path: "/data/mnist/train-images-idx3-ubyte.gz").description
///     // "/data/mnist/train-images-idx3-ubyte.gz: no such file"
///
/// Thrown by `DataFile`, `Gzip`, `IDXFile` and the loaders built on them (`Dataset(idxImages:labels:)`,
/// `ImageClassificationData.loadIDX`, `FashionMNIST.load`, `MNIST.load`).
public enum DataFileError: Error, Equatable, CustomStringConvertible {
    /// The file does not exist (nor any of `alsoTried`, the other names it may have).
    case missing(path: String, alsoTried: [String] = [])
    /// The file exists but cannot be read (a folder, no permission), with the system's reason.
    case unreadable(path: String, reason: String)
    /// Data handed to `Gzip.decompress` that starts with neither gzip's magic `1f 8b` nor a
    /// zlib header.
    case notCompressed(path: String)
    /// A gzip or zlib stream that ends before its end marker and checksum: a file cut short.
    case truncatedCompressed(path: String)
    /// A gzip or zlib stream that zlib refuses, with zlib's reason ("invalid distance too far
    /// back", "incorrect data check", ...).
    case corruptCompressed(path: String, detail: String)
    /// A file that is not IDX: its first bytes (up to 4) are not `00 00`, a known type byte
    /// and a dimension count.
    case notIDX(path: String, firstBytes: [UInt8])
    /// An IDX file whose elements are not unsigned bytes (type `0x08`), the only type read.
    case unsupportedElementType(path: String, code: UInt8)
    /// An IDX file shorter than its own header (`headerBytes`: 4 plus 4 per dimension).
    case truncatedHeader(path: String, headerBytes: Int, fileBytes: Int)
    /// An IDX file with fewer data bytes than its dimensions announce.
    case truncated(path: String, dimensions: [Int], expectedBytes: Int, actualBytes: Int)
    /// An IDX file with more data bytes than its dimensions announce.
    case trailingBytes(path: String, dimensions: [Int], expectedBytes: Int, actualBytes: Int)
    /// An IDX file with the wrong number of dimensions for its role, such as an image file
    /// given where a label file belongs.
    case wrongDimensions(path: String, dimensions: [Int], expected: IDXFile.Role)
    /// An image file and a label file whose counts differ.
    case countMismatch(imagesPath: String, images: Int, labelsPath: String, labels: Int)
    /// A label outside `0..<classCount` in a label file.
    case labelOutOfRange(path: String, label: Int, index: Int, classCount: Int)
    /// An image file whose images are not the size of the training images.
    case imageSizeMismatch(path: String, size: [Int], expected: [Int])

    public var description: String {
        switch self {
        case let .missing(path, alsoTried):
            return alsoTried.isEmpty
                ? "\(path): no such file"
                : "\(path): no such file (nor \(alsoTried.joined(separator: ", ")))"
        case let .unreadable(path, reason):
            return "\(path): cannot read the file: \(reason)"
        case let .notCompressed(path):
            return "\(path): not gzip data: it starts with neither the gzip magic 1f 8b nor a zlib header"
        case let .truncatedCompressed(path):
            return "\(path): truncated: the gzip stream ends before its end marker (the file was cut short; copy it again)"
        case let .corruptCompressed(path, detail):
            return "\(path): corrupt gzip data: \(detail)"
        case let .notIDX(path, firstBytes):
            let shown = firstBytes.isEmpty ? "is empty" : "starts with \(DataFileError.hex(firstBytes))"
            return "\(path): not an IDX file: it \(shown), where an IDX file starts with 00 00, a type byte and a dimension count"
        case let .unsupportedElementType(path, code):
            return "\(path): IDX element type \(DataFileError.hex([code])) (\(IDXFile.elementTypeName(code))) is not supported; "
                + "only 08 (unsigned byte, as in MNIST) is"
        case let .truncatedHeader(path, headerBytes, fileBytes):
            return "\(path): truncated: the IDX header needs \(headerBytes) bytes but the file has \(fileBytes)"
        case let .truncated(path, dimensions, expectedBytes, actualBytes):
            return "\(path): truncated: the IDX header announces \(dimensions) (\(expectedBytes) bytes of data) "
                + "but only \(actualBytes) follow"
        case let .trailingBytes(path, dimensions, expectedBytes, actualBytes):
            return "\(path): the IDX header announces \(dimensions) (\(expectedBytes) bytes of data) "
                + "but \(actualBytes) follow; is it an IDX file?"
        case let .wrongDimensions(path, dimensions, expected):
            return "\(path): \(expected.requirement), this one has dimensions \(dimensions)"
        case let .countMismatch(imagesPath, images, labelsPath, labels):
            return "\(imagesPath) holds \(images) images but \(labelsPath) holds \(labels) labels; "
                + "an image file and its label file must have the same count"
        case let .labelOutOfRange(path, label, index, classCount):
            return "\(path): label \(label) at index \(index) is outside 0..<\(classCount)"
        case let .imageSizeMismatch(path, size, expected):
            return "\(path): images of size \(size), where the training images are \(expected)"
        }
    }

    /// Bytes as two-digit lowercase hexadecimal separated by spaces: "1f 8b 08".
    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined(separator: " ")
    }
}
