import Testing

@testable import Datasets

/// zlib's inflate against streams Python's gzip and zlib modules wrote.
@Suite("Gzip")
struct GzipTests {
    @Test("a gzip stream written by Python decompresses to the bytes Python compressed")
    func gzipRoundTrip() throws {
        #expect(try Gzip.decompress(DataFixtures.twoImagesGzip, path: "x.gz") == DataFixtures.twoImages)
        #expect(try Gzip.decompress(DataFixtures.twoLabelsGzip, path: "y.gz") == DataFixtures.twoLabels)
    }

    @Test("a zlib stream decompresses too (windowBits 15 + 32 detects the header)")
    func zlibStream() throws {
        #expect(try Gzip.decompress(DataFixtures.twoLabelsZlib, path: "z") == DataFixtures.twoLabels)
    }

    @Test("several gzip members decompress to their concatenation, as gunzip does; zero padding after the end is ignored")
    func members() throws {
        #expect(try Gzip.decompress(DataFixtures.twoMembers, path: "m.gz") == Array("abcd".utf8))
        #expect(try Gzip.decompress(DataFixtures.twoLabelsGzip + [0, 0, 0], path: "p.gz") == DataFixtures.twoLabels)
    }

    @Test("gzip's magic is recognised only at the start")
    func magic() {
        #expect(Gzip.hasGzipMagic([0x1f, 0x8b]))
        #expect(!Gzip.hasGzipMagic([0x1f]))
        #expect(!Gzip.hasGzipMagic([0, 0x1f, 0x8b]))
    }

    @Test("a stream cut anywhere after its header is reported as truncated, naming the file")
    func truncated() {
        let whole = DataFixtures.twoImagesGzip
        for length in [10, 20, whole.count - 8, whole.count - 1] {
            let error = #expect(throws: DataFileError.self) { try Gzip.decompress(Array(whole.prefix(length)), path: "cut.gz") }
            #expect(error == .truncatedCompressed(path: "cut.gz"))
            #expect(error?.description.hasPrefix("cut.gz: truncated: the gzip stream ends before its end marker") == true)
        }
    }

    @Test("data that is neither gzip nor zlib is refused before zlib sees it")
    func notCompressed() {
        for bytes in [[], [0x1f], Array("hello".utf8), DataFixtures.twoLabels] {
            #expect(throws: DataFileError.notCompressed(path: "plain")) { try Gzip.decompress(bytes, path: "plain") }
        }
    }

    @Test("a changed byte is caught by zlib (bad data, or a checksum that no longer matches) with zlib's reason")
    func corrupt() {
        var damaged = DataFixtures.twoImagesGzip
        damaged[damaged.count - 12] ^= 0xff  // inside the deflate data, near its end
        var wrongChecksum = DataFixtures.twoImagesGzip
        wrongChecksum[wrongChecksum.count - 8] ^= 0x01  // the CRC-32
        var wrongLength = DataFixtures.twoImagesGzip
        wrongLength[wrongLength.count - 4] ^= 0x01  // ISIZE
        for (bytes, reason) in [(wrongChecksum, "incorrect data check"), (wrongLength, "incorrect length check")] {
            #expect(throws: DataFileError.corruptCompressed(path: "bad.gz", detail: reason)) { try Gzip.decompress(bytes, path: "bad.gz") }
        }
        let error = #expect(throws: DataFileError.self) { try Gzip.decompress(damaged, path: "bad.gz") }
        #expect(error?.description.hasPrefix("bad.gz: corrupt gzip data: ") == true)
        #expect(throws: DataFileError.corruptCompressed(path: "t.gz", detail: "2 bytes that are not gzip follow the end of the stream")) {
            try Gzip.decompress(DataFixtures.twoLabelsGzip + [1, 2], path: "t.gz")
        }
    }
}
