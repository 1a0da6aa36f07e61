import Foundation

@testable import Datasets

/// Small hand-built IDX files (and their gzip forms made by Python) and a scratch folder for
/// the file-reading tests.
enum DataFixtures {
    /// A 2-image IDX file of 3x4 pixels, built byte by byte: magic 00 00, type 08, 3
    /// dimensions, the sizes 2, 3, 4 big-endian, then 24 pixels.
    static let twoImages: [UInt8] = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4]
        + [0, 255, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 128, 64, 32, 16, 8, 4, 2, 1, 0, 254, 253, 252]
    /// Its two labels, 7 and 3.
    static let twoLabels: [UInt8] = [0, 0, 8, 1, 0, 0, 0, 2, 7, 3]

    /// `twoImages` gzipped by Python:
    /// python3 -c "import gzip; print(gzip.compress(bytes([0,0,8,3, 0,0,0,2, 0,0,0,3, 0,0,0,4, 0,255,1,2,3,4,5,6,7,8,9,10, 128,64,32,16,8,4,2,1,0,254,253,252]), mtime=0).hex())"
    static let twoImagesGzip = bytes(
        hex: "1f8b08000000000002036360e06066606060026210cdc2f09f91899985958d9d8393abc141418083858991e1dfdf3f007a23bcb428000000")
    /// `twoLabels` gzipped by Python: python3 -c "import gzip; print(gzip.compress(bytes([0,0,8,1,0,0,0,2,7,3]), mtime=0).hex())"
    static let twoLabelsGzip = bytes(hex: "1f8b08000000000002036360e0606460606062670600646bd4430a000000")
    /// `twoLabels` as a zlib stream: python3 -c "import zlib; print(zlib.compress(bytes([0,0,8,1,0,0,0,2,7,3])).hex())"
    static let twoLabelsZlib = bytes(hex: "789c6360e060646060606267060000680016")
    /// Two gzip members, "ab" then "cd", as `cat a.gz b.gz` makes:
    /// python3 -c "import gzip; print((gzip.compress(b'ab', mtime=0) + gzip.compress(b'cd', mtime=0)).hex())"
    static let twoMembers = bytes(
        hex: "1f8b08000000000002034b4c02006d48839e020000001f8b08000000000002034b4e0100da8fd64502000000")

    /// The bytes written as hexadecimal digits.
    static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }

    /// A new empty folder under the temporary directory; the caller removes it.
    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("datasets-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `bytes` to `name` in `folder` and returns its path.
    @discardableResult
    static func write(_ bytes: [UInt8], named name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}
