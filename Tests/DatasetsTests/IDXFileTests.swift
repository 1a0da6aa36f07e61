import Foundation
import Testing

@testable import Datasets

/// The IDX reader on hand-built files, gzipped and not, and on broken ones.
@Suite("IDXFile")
struct IDXFileTests {
    @Test("a hand-built 2-image file parses to its dimensions and pixels, and encodes back to the same bytes")
    func parseAndEncode() throws {
        let file = try IDXFile(parsing: DataFixtures.twoImages, path: "two")
        #expect(file.dimensions == [2, 3, 4])
        #expect(file.data == Array(DataFixtures.twoImages.dropFirst(16)))
        #expect(file.path == "two")
        #expect(file.encoded == DataFixtures.twoImages)
        #expect(IDXFile(dimensions: [2], data: [7, 3]).encoded == DataFixtures.twoLabels)
        #expect(IDXFile(dimensions: [70_000], data: [UInt8](repeating: 0, count: 70_000)).encoded.prefix(8) == [0, 0, 8, 1, 0, 1, 0x11, 0x70])
    }

    @Test("the same file read from disk gzipped and uncompressed gives the same contents")
    func gzippedAndNot() throws {
        let folder = try DataFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = try DataFixtures.write(DataFixtures.twoImages, named: "images-idx3-ubyte", in: folder)
        let gzipped = try DataFixtures.write(DataFixtures.twoImagesGzip, named: "images-idx3-ubyte.gz", in: folder)
        let fromPlain = try IDXFile(contentsOf: plain), fromGzip = try IDXFile(contentsOf: gzipped)
        #expect(fromPlain.dimensions == fromGzip.dimensions)
        #expect(fromPlain.data == fromGzip.data)
        #expect(fromPlain.encoded == DataFixtures.twoImages)
        #expect(fromGzip.path == gzipped)
        // The content decides, not the name: gzip bytes under a plain name still decompress.
        let misnamed = try DataFixtures.write(DataFixtures.twoLabelsGzip, named: "labels-idx1-ubyte", in: folder)
        #expect(try IDXFile(contentsOf: misnamed).data == [7, 3])
    }

    @Test("a missing file, and a folder, are errors naming the path")
    func missing() throws {
        let folder = try DataFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("nothing.gz").path
        let error = #expect(throws: DataFileError.missing(path: path)) { try IDXFile(contentsOf: path) }
        #expect(error?.description == "\(path): no such file")
        let asFolder = #expect(throws: DataFileError.self) { try IDXFile(contentsOf: folder.path) }
        #expect(asFolder?.description == "\(folder.path): cannot read the file: it is a folder")
    }

    @Test("a file with fewer bytes than its header announces is truncated, gzipped or not")
    func truncated() throws {
        let folder = try DataFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let short = try DataFixtures.write(Array(DataFixtures.twoImages.dropLast(5)), named: "short", in: folder)
        let error = #expect(throws: DataFileError.self) { try IDXFile(contentsOf: short) }
        #expect(error == .truncated(path: short, dimensions: [2, 3, 4], expectedBytes: 24, actualBytes: 19))
        #expect(error?.description == "\(short): truncated: the IDX header announces [2, 3, 4] (24 bytes of data) but only 19 follow")
        let cutGzip = try DataFixtures.write(Array(DataFixtures.twoImagesGzip.dropLast(3)), named: "cut.gz", in: folder)
        #expect(throws: DataFileError.truncatedCompressed(path: cutGzip)) { try IDXFile(contentsOf: cutGzip) }
        // A gzip file that is whole but holds a cut IDX file.
        let header = try DataFixtures.write(Array(DataFixtures.twoImages.prefix(10)), named: "header", in: folder)
        let headerError = #expect(throws: DataFileError.self) { try IDXFile(contentsOf: header) }
        #expect(headerError?.description == "\(header): truncated: the IDX header needs 16 bytes but the file has 10")
        #expect(throws: DataFileError.truncatedHeader(path: "p", headerBytes: 4, fileBytes: 3)) { try IDXFile(parsing: [0, 0, 8], path: "p") }
    }

    @Test("a foreign file (text, PNG, an empty file) is not IDX, and the text shows its first bytes")
    func foreign() throws {
        let folder = try DataFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try DataFixtures.write(Array("<html>".utf8), named: "page.html", in: folder)
        let error = #expect(throws: DataFileError.self) { try IDXFile(contentsOf: text) }
        #expect(error == .notIDX(path: text, firstBytes: [0x3c, 0x68, 0x74, 0x6d]))
        #expect(
            error?.description
                == "\(text): not an IDX file: it starts with 3c 68 74 6d, where an IDX file starts with 00 00, a type byte and a dimension count")
        #expect(throws: DataFileError.notIDX(path: "png", firstBytes: [0x89, 0x50, 0x4e, 0x47])) {
            try IDXFile(parsing: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a], path: "png")
        }
        let empty = #expect(throws: DataFileError.self) { try IDXFile(parsing: [], path: "empty") }
        #expect(empty?.description.hasPrefix("empty: not an IDX file: it is empty") == true)
        // 00 00 then an undefined type code.
        #expect(throws: DataFileError.notIDX(path: "odd", firstBytes: [0, 0, 7, 1])) { try IDXFile(parsing: [0, 0, 7, 1, 0, 0, 0, 0], path: "odd") }
        // Gzip magic but not gzip inside.
        let fake = try DataFixtures.write([0x1f, 0x8b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], named: "fake.gz", in: folder)
        let fakeError = #expect(throws: DataFileError.self) { try IDXFile(contentsOf: fake) }
        #expect(fakeError?.description.hasPrefix("\(fake): corrupt gzip data: ") == true)
    }

    @Test("an IDX file of another element type is refused by name")
    func elementType() {
        let floats: [UInt8] = [0, 0, 0x0d, 1, 0, 0, 0, 1, 0x3f, 0x80, 0, 0]
        let error = #expect(throws: DataFileError.unsupportedElementType(path: "f", code: 0x0d)) { try IDXFile(parsing: floats, path: "f") }
        #expect(error?.description == "f: IDX element type 0d (32-bit float) is not supported; only 08 (unsigned byte, as in MNIST) is")
    }

    @Test("more bytes than the header announces is an error too")
    func trailing() {
        #expect(throws: DataFileError.trailingBytes(path: "t", dimensions: [2], expectedBytes: 2, actualBytes: 3)) {
            try IDXFile(parsing: DataFixtures.twoLabels + [0], path: "t")
        }
    }

    @Test("a role needs its number of dimensions: 3 for images, 1 for labels")
    func roles() throws {
        let images = try IDXFile(parsing: DataFixtures.twoImages, path: "i"), labels = try IDXFile(parsing: DataFixtures.twoLabels, path: "l")
        try images.require(.images)
        try labels.require(.labels)
        let error = #expect(throws: DataFileError.wrongDimensions(path: "i", dimensions: [2, 3, 4], expected: .labels)) {
            try images.require(.labels)
        }
        #expect(error?.description == "i: an IDX label file needs 1 dimension [labels], this one has dimensions [2, 3, 4]")
        #expect(throws: DataFileError.wrongDimensions(path: "l", dimensions: [2], expected: .images)) { try labels.require(.images) }
    }
}
