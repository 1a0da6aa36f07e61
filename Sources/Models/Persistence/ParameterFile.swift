import Foundation
import Tensors

/// Why a parameter file could not be read or used.
public enum ParameterFileError: Error, Equatable, CustomStringConvertible {
    case notAParameterFile(path: String)
    case unsupportedVersion(path: String, version: UInt32)
    case truncated(path: String)
    case scalarType(path: String, expected: String, found: UInt8)
    case parameterCount(path: String, model: Int, file: Int)
    case shape(path: String, index: Int, model: [Int], file: [Int])

    public var description: String {
        switch self {
        case .notAParameterFile(let path):
            return "\(path) is not a swift-margin parameter file (it does not start with \"SMPARAMS\")"
        case .unsupportedVersion(let path, let version):
            return "\(path) has format version \(version); this build reads version \(ParameterFile.version)"
        case .truncated(let path):
            return "\(path) is truncated: it ends before all the parameters it announces"
        case .scalarType(let path, let expected, let found):
            return "\(path) holds scalars of type code \(found), but the model uses \(expected)"
        case .parameterCount(let path, let model, let file):
            return "\(path) holds \(file) parameters, but the model has \(model)"
        case .shape(let path, let index, let model, let file):
            return "\(path): parameter \(index) has shape \(file) in the file, but \(model) in the model"
        }
    }
}

/// The parameter file format, little-endian throughout:
///
///     "SMPARAMS"            8 bytes, magic
///     version               UInt32 (1)
///     scalar type           UInt8 (1 = Float32, 2 = Float64)
///     parameter count       UInt32
///     per parameter:        rank UInt32, rank x UInt64 sizes, the scalars (row-major)
///
/// `saveParameters(to:)` writes a model's parameters (`forEachParameter` order) followed by
/// its state (`forEachState` order: batch norm's running averages), counted together; a model
/// without state writes exactly its parameters.
public enum ParameterFile {
    static let magic = Array("SMPARAMS".utf8)
    static let version: UInt32 = 1

    /// The bytes of a file holding `parameters`.
    public static func encode<Scalar: TensorScalar>(_ parameters: [Tensor<Scalar>]) -> Data {
        var data = Data(magic)
        append(version, to: &data)
        data.append(Scalar.fileCode)
        append(UInt32(parameters.count), to: &data)
        for p in parameters {
            append(UInt32(p.rank), to: &data)
            for size in p.shape { append(UInt64(size), to: &data) }
            p.withUnsafeBufferPointer { data.append(UnsafeBufferPointer(start: UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: UInt8.self), count: $0.count * MemoryLayout<Scalar>.size)) }
        }
        return data
    }

    /// The parameters held in `data` (read from `path`, which names the file in errors).
    public static func decode<Scalar: TensorScalar>(_ data: Data, path: String, as: Scalar.Type = Scalar.self) throws -> [Tensor<Scalar>] {
        var reader = Reader(bytes: [UInt8](data), path: path)
        guard data.count >= magic.count, Array(data.prefix(magic.count)) == magic else { throw ParameterFileError.notAParameterFile(path: path) }
        reader.offset = magic.count
        let fileVersion: UInt32 = try reader.read()
        guard fileVersion == version else { throw ParameterFileError.unsupportedVersion(path: path, version: fileVersion) }
        let code: UInt8 = try reader.read()
        guard code == Scalar.fileCode else { throw ParameterFileError.scalarType(path: path, expected: Scalar.dtypeName, found: code) }
        let count: UInt32 = try reader.read()
        var result: [Tensor<Scalar>] = []
        for _ in 0..<count {
            let rank: UInt32 = try reader.read()
            guard rank <= 16 else { throw ParameterFileError.truncated(path: path) }
            var shape: [Int] = []
            for _ in 0..<rank {
                let size: UInt64 = try reader.read()
                guard size <= UInt64(reader.bytes.count) else { throw ParameterFileError.truncated(path: path) }
                shape.append(Int(size))
            }
            let n = shape.reduce(1, *)
            let byteCount = n * MemoryLayout<Scalar>.size
            guard reader.offset + byteCount <= reader.bytes.count else { throw ParameterFileError.truncated(path: path) }
            let scalars = reader.bytes[reader.offset..<(reader.offset + byteCount)].withUnsafeBytes { raw in
                (0..<n).map { raw.loadUnaligned(fromByteOffset: $0 * MemoryLayout<Scalar>.size, as: Scalar.self) }
            }
            reader.offset += byteCount
            result.append(Tensor(shape: shape, scalars: scalars))
        }
        return result
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to data: inout Data) {
        withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) }
    }

    private struct Reader {
        let bytes: [UInt8]
        let path: String
        var offset = 0

        mutating func read<T: FixedWidthInteger>() throws -> T {
            let size = MemoryLayout<T>.size
            guard offset + size <= bytes.count else { throw ParameterFileError.truncated(path: path) }
            var value: T = 0
            for i in 0..<size { value |= T(bytes[offset + i]) << (8 * i) }
            offset += size
            return value
        }
    }
}

extension Layer {
    /// Writes the parameters, then the state (running averages), to `path` in the
    /// `ParameterFile` format.
    public func saveParameters(to path: String) throws {
        try ParameterFile.encode(parameters + states).write(to: URL(fileURLWithPath: path))
    }

    /// Replaces the parameters and state with those stored at `path`; the file must match the
    /// model's scalar type, parameter (and state) count and shapes, or nothing is changed.
    public mutating func loadParameters(from path: String) throws {
        let loaded: [Tensor<Scalar>] = try ParameterFile.decode(try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
        let parameterCount = parameters.count
        let current = parameters + states
        guard loaded.count == current.count else {
            throw ParameterFileError.parameterCount(path: path, model: current.count, file: loaded.count)
        }
        for (index, (mine, theirs)) in zip(current, loaded).enumerated() where mine.shape != theirs.shape {
            throw ParameterFileError.shape(path: path, index: index, model: mine.shape, file: theirs.shape)
        }
        parameters = Array(loaded[..<parameterCount])
        states = Array(loaded[parameterCount...])
    }
}
