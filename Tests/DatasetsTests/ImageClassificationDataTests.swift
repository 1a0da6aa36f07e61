import Foundation
import Testing

@testable import Datasets

/// Loading four IDX files as training, validation and test sets, and reducing them.
@Suite("ImageClassificationData")
struct ImageClassificationDataTests {
    static let names = ["a", "b", "c", "d"]

    /// A folder in MNIST's layout: 20 training images of 2x2 whose pixels are their index,
    /// labels cycling 0, 1, 2, 3; 8 test images likewise. Training files gzipped, test not.
    static func folder(testImageSize: Int = 2) throws -> URL {
        let folder = try DataFixtures.scratchFolder()
        let trainImages = IDXFile(dimensions: [20, 2, 2], data: (0..<20).flatMap { [UInt8](repeating: UInt8($0), count: 4) })
        let testImages = IDXFile(
            dimensions: [8, testImageSize, testImageSize], data: [UInt8](repeating: 100, count: 8 * testImageSize * testImageSize))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        try DataFixtures.write(trainImages.encoded, named: "train-images-idx3-ubyte", in: folder)
        try DataFixtures.write(IDXFile(dimensions: [20], data: (0..<20).map { UInt8($0 % 4) }).encoded, named: "train-labels-idx1-ubyte", in: folder)
        gzip.arguments = [folder.appendingPathComponent("train-images-idx3-ubyte").path, folder.appendingPathComponent("train-labels-idx1-ubyte").path]
        try gzip.run()
        gzip.waitUntilExit()
        try DataFixtures.write(testImages.encoded, named: "t10k-images-idx3-ubyte", in: folder)
        try DataFixtures.write(IDXFile(dimensions: [8], data: (0..<8).map { UInt8($0 % 4) }).encoded, named: "t10k-labels-idx1-ubyte", in: folder)
        return folder
    }

    @Test("the validation set is the first samples of the training file by default, and training keeps the rest in order")
    func leading() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("train-images-idx3-ubyte.gz").path))
        let data = try ImageClassificationData.loadIDX(directory: folder.path, name: "toy", classNames: Self.names, validation: .leading(4))
        #expect(data.training.count == 16 && data.validation.count == 4 && data.test.count == 8)
        #expect(data.validation.inputs.scalars == (0..<4).flatMap { [Float](repeating: Float($0) / 255, count: 4) })
        #expect(data.training.inputs.scalars == (4..<20).flatMap { [Float](repeating: Float($0) / 255, count: 4) })
        #expect(data.training.labels == (4..<20).map { $0 % 4 })
        #expect(data.training.inputs.shape == [16, 1, 2, 2])
        #expect(data.classNames == Self.names)
        #expect(data.description == "toy: 16 training, 4 validation, 8 test images of shape [1, 2, 2], 4 classes (a, b, c, d)")
        let flat = try ImageClassificationData.loadIDX(directory: folder.path + "/", classNames: Self.names, layout: .flattened, validation: .leading(0))
        #expect(flat.training.inputs.shape == [20, 4] && flat.validation.count == 0 && flat.test.inputs.shape == [8, 4])
    }

    @Test("a stratified validation set takes each class's share, chosen by the seed")
    func stratified() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try ImageClassificationData.loadIDX(directory: folder.path, classNames: Self.names, validation: .stratified(count: 8, seed: 3))
        #expect(data.validation.classCounts == [2, 2, 2, 2])
        #expect(data.training.classCounts == [3, 3, 3, 3])
        let again = try ImageClassificationData.loadIDX(directory: folder.path, classNames: Self.names, validation: .stratified(count: 8, seed: 3))
        #expect(again == data)
        let held = Set(data.validation.inputs.scalars), kept = Set(data.training.inputs.scalars)
        #expect(held.isDisjoint(with: kept))
    }

    @Test("reduced keeps each class's share of each set, nested across fractions")
    func reduced() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let data = try ImageClassificationData.loadIDX(directory: folder.path, classNames: Self.names, validation: .leading(4))
        let half = try data.reduced(fraction: 0.5, seed: 1), quarter = try data.reduced(fraction: 0.25, seed: 1)
        #expect([half.training.count, half.validation.count, half.test.count] as [Int] == [8, 2, 4])
        #expect(half.training.classCounts == [2, 2, 2, 2] && half.test.classCounts == [1, 1, 1, 1])
        #expect(Set(quarter.training.inputs.scalars).isSubset(of: Set(half.training.inputs.scalars)))
        let counted = try data.reduced(trainingCount: 4, validationCount: 0, testCount: 8, seed: 0)
        #expect(counted.training.classCounts == [1, 1, 1, 1] && counted.validation.count == 0 && counted.test == data.test)
        #expect(throws: DatasetError.fraction(2, name: "fraction", operation: "reduced")) { try data.reduced(fraction: 2, seed: 0) }
        let error = #expect(throws: DatasetError.self) { try data.reduced(trainingCount: 17, validationCount: 0, testCount: 0, seed: 0) }
        #expect(error?.description == "reduced: trainingCount must be in 0...16, got 17")
    }

    @Test("a missing file names both names tried; a validation set larger than the training file and test images of another size are refused")
    func errors() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("t10k-labels-idx1-ubyte"))
        let missing = #expect(throws: DataFileError.self) { try ImageClassificationData.loadIDX(directory: folder.path, classNames: Self.names) }
        let path = folder.appendingPathComponent("t10k-labels-idx1-ubyte").path
        #expect(missing?.description == "\(path).gz: no such file (nor \(path))")
        let empty = try DataFixtures.scratchFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        let fashion = #expect(throws: DataFileError.self) { try FashionMNIST.load(directory: empty.path) }
        #expect(fashion?.description.hasPrefix("\(empty.path)/train-images-idx3-ubyte.gz: no such file") == true)

        let good = try Self.folder()
        defer { try? FileManager.default.removeItem(at: good) }
        let tooMany = #expect(throws: DatasetError.self) {
            try ImageClassificationData.loadIDX(directory: good.path, classNames: Self.names, validation: .leading(21))
        }
        #expect(tooMany?.description == "loadIDX: validation count must be in 0...20 (the training file's size), got 21")

        let other = try Self.folder(testImageSize: 3)
        defer { try? FileManager.default.removeItem(at: other) }
        let size = #expect(throws: DataFileError.self) { try ImageClassificationData.loadIDX(directory: other.path, classNames: Self.names) }
        #expect(size?.description == "\(other.path)/t10k-images-idx3-ubyte: images of size [3, 3], where the training images are [2, 2]")
    }
}
