import Foundation
import Testing

@testable import Datasets

/// Datasets built from IDX pairs: pixels over 255, layouts, and the pair's checks.
@Suite("Dataset from IDX")
struct DatasetIDXTests {
    static func pair() throws -> (IDXFile, IDXFile) {
        (try IDXFile(parsing: DataFixtures.twoImages, path: "images"), try IDXFile(parsing: DataFixtures.twoLabels, path: "labels"))
    }

    @Test("pixels are the bytes divided by 255, channels first by default")
    func channelsFirst() throws {
        let (images, labels) = try Self.pair()
        let data = try Dataset<Float>(idxImages: images, labels: labels)
        #expect(data.inputs.shape == [2, 1, 3, 4])
        #expect(data.labels == [7, 3])
        #expect(data.classCount == 10)
        #expect(data.inputs.scalars == images.data.map { Float($0) / 255 })
        #expect(data.inputs.scalars[1] == 1)
        #expect(data.inputs.scalars.allSatisfy { (0...1).contains($0) })
    }

    @Test("the flattened layout has one row of pixels per image; Double works too")
    func flattened() throws {
        let (images, labels) = try Self.pair()
        let data = try Dataset<Double>(idxImages: images, labels: labels, classCount: 8, layout: .flattened)
        #expect(data.inputs.shape == [2, 12])
        #expect(data.inputs.scalars == images.data.map { Double($0) / 255 })
        #expect(ImageLayout.flattened.sampleShape(rows: 28, columns: 28) == [784])
        #expect(ImageLayout.channelsFirst.sampleShape(rows: 28, columns: 28) == [1, 28, 28])
    }

    @Test("read from paths, gzipped or not")
    func fromPaths() throws {
        let folder = try DataFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let images = try DataFixtures.write(DataFixtures.twoImagesGzip, named: "i.gz", in: folder)
        let labels = try DataFixtures.write(DataFixtures.twoLabels, named: "l", in: folder)
        let data = try Dataset<Float>(idxImages: images, labels: labels)
        #expect(data == (try Dataset<Float>(idxImages: try IDXFile(parsing: DataFixtures.twoImages, path: ""), labels: try IDXFile(parsing: DataFixtures.twoLabels, path: ""))))
    }

    @Test("an images/labels count mismatch names both files")
    func countMismatch() throws {
        let (images, _) = try Self.pair()
        let threeLabels = IDXFile(dimensions: [3], data: [1, 2, 3], path: "labels3")
        let error = #expect(throws: DataFileError.self) { try Dataset<Float>(idxImages: images, labels: threeLabels) }
        #expect(error == .countMismatch(imagesPath: "images", images: 2, labelsPath: "labels3", labels: 3))
        #expect(error?.description == "images holds 2 images but labels3 holds 3 labels; an image file and its label file must have the same count")
    }

    @Test("files swapped, a label out of range, and a bad class count are refused")
    func otherChecks() throws {
        let (images, labels) = try Self.pair()
        #expect(throws: DataFileError.wrongDimensions(path: "labels", dimensions: [2], expected: .images)) {
            try Dataset<Float>(idxImages: labels, labels: images)
        }
        let error = #expect(throws: DataFileError.labelOutOfRange(path: "labels", label: 7, index: 0, classCount: 5)) {
            try Dataset<Float>(idxImages: images, labels: labels, classCount: 5)
        }
        #expect(error?.description == "labels: label 7 at index 0 is outside 0..<5")
        #expect(throws: DatasetError.classCount(0)) { try Dataset<Float>(idxImages: images, labels: labels, classCount: 0) }
    }
}
