import Testing

@testable import Datasets

/// Every file error starts with the path at fault and says what is wrong, word for word.
@Suite("DataFileError")
struct DataFileErrorTests {
    static let cases: [(DataFileError, String)] = [
        (.missing(path: "/d/a.gz"), "/d/a.gz: no such file"),
        (.missing(path: "/d/a.gz", alsoTried: ["/d/a"]), "/d/a.gz: no such file (nor /d/a)"),
        (.unreadable(path: "/d/a", reason: "Permission denied"), "/d/a: cannot read the file: Permission denied"),
        (.notCompressed(path: "x"), "x: not gzip data: it starts with neither the gzip magic 1f 8b nor a zlib header"),
        (.truncatedCompressed(path: "x.gz"), "x.gz: truncated: the gzip stream ends before its end marker (the file was cut short; copy it again)"),
        (.corruptCompressed(path: "x.gz", detail: "incorrect data check"), "x.gz: corrupt gzip data: incorrect data check"),
        (
            .notIDX(path: "p", firstBytes: [0x89, 0x50, 0x4e, 0x47]),
            "p: not an IDX file: it starts with 89 50 4e 47, where an IDX file starts with 00 00, a type byte and a dimension count"
        ),
        (
            .notIDX(path: "e", firstBytes: []),
            "e: not an IDX file: it is empty, where an IDX file starts with 00 00, a type byte and a dimension count"
        ),
        (
            .unsupportedElementType(path: "f", code: 0x0b),
            "f: IDX element type 0b (16-bit integer) is not supported; only 08 (unsigned byte, as in MNIST) is"
        ),
        (.truncatedHeader(path: "h", headerBytes: 16, fileBytes: 9), "h: truncated: the IDX header needs 16 bytes but the file has 9"),
        (
            .truncated(path: "t", dimensions: [60000, 28, 28], expectedBytes: 47_040_000, actualBytes: 1000),
            "t: truncated: the IDX header announces [60000, 28, 28] (47040000 bytes of data) but only 1000 follow"
        ),
        (
            .trailingBytes(path: "t", dimensions: [2], expectedBytes: 2, actualBytes: 5),
            "t: the IDX header announces [2] (2 bytes of data) but 5 follow; is it an IDX file?"
        ),
        (
            .wrongDimensions(path: "l", dimensions: [10], expected: .images),
            "l: an IDX image file needs 3 dimensions [images, rows, columns], this one has dimensions [10]"
        ),
        (
            .countMismatch(imagesPath: "i", images: 60000, labelsPath: "l", labels: 10000),
            "i holds 60000 images but l holds 10000 labels; an image file and its label file must have the same count"
        ),
        (.labelOutOfRange(path: "l", label: 12, index: 4, classCount: 10), "l: label 12 at index 4 is outside 0..<10"),
        (.imageSizeMismatch(path: "t", size: [32, 32], expected: [28, 28]), "t: images of size [32, 32], where the training images are [28, 28]"),
    ]

    @Test("each error reads as its documented sentence", arguments: cases)
    func description(error: DataFileError, text: String) {
        #expect(error.description == text)
        #expect("\(error)" == text)
    }
}
