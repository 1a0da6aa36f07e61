import Datasets
import Experiments
import Tensors
import Testing

/// A small image problem: 40 training, 20 validation and 20 test "images" of 4 pixels in
/// 4 classes (class k's images are all k / 4, so a sample's class can be read from its pixels),
/// 10 / 5 / 5 of each class.
func tinyImages() throws -> ImageClassificationData {
    func set(_ perClass: Int) throws -> Dataset<Float> {
        let labels = (0..<(4 * perClass)).map { $0 % 4 }
        let pixels = labels.flatMap { label in [Float](repeating: Float(label) / 4, count: 4) }
        return try Dataset(inputs: Tensor<Float>(shape: [labels.count, 4], scalars: pixels), labels: labels, classCount: 4)
    }
    return try ImageClassificationData(
        name: "tiny", training: set(10), validation: set(5), test: set(5), classNames: ["a", "b", "c", "d"])
}

/// The class a tiny image's pixels say it is.
func pixelClass(_ data: Dataset<Float>, _ index: Int) -> Int {
    Int((data.inputs.scalars[4 * index] * 4).rounded())
}

@Suite("Image data sources")
struct ImageDataSourceTests {
    @Test("each seed gets class-balanced subsets of the stated sizes, nested across sizes")
    func subsetsAreBalancedAndNested() throws {
        let images = try tinyImages()
        let small = try DataSource.images(images, trainingCount: 8, validationCount: 4, testCount: 4).data(seed: 3)
        let large = try DataSource.images(images, trainingCount: 20, validationCount: 4, testCount: 4).data(seed: 3)
        #expect(small.train.count == 8 && small.validation.count == 4 && small.test.count == 4)
        #expect((0..<4).map { label in small.train.labels.filter { $0 == label }.count } == [2, 2, 2, 2])
        #expect(large.train.count == 20)
        // Labels are clean here, so every image's label is its pixels' class.
        #expect(small.train.labels.indices.allSatisfy { small.train.labels[$0] == pixelClass(small.train, $0) })
        let other = try DataSource.images(images, trainingCount: 8, validationCount: 4, testCount: 4).data(seed: 4)
        #expect(other.seed == 4 && small.seed == 3)
        #expect(try DataSource.images(images, trainingCount: 8, validationCount: 4, testCount: 4).data(seed: 3).train == small.train)
    }

    @Test("label noise flips exactly round(f N) training labels to another class; validation and test stay clean")
    func labelNoiseIsExactAndTrainingOnly() throws {
        let images = try tinyImages()
        let split = try DataSource.images(images, trainingCount: 40, validationCount: 20, testCount: 20, labelNoise: 0.3)
            .data(seed: 1)
        let flipped = split.train.labels.indices.filter { split.train.labels[$0] != pixelClass(split.train, $0) }
        #expect(flipped.count == 12)
        for set in [split.validation, split.test] {
            #expect(set.labels.indices.allSatisfy { set.labels[$0] == pixelClass(set, $0) })
        }
        // The flips at 10% are among those at 30% (nested at one seed).
        let fewer = try DataSource.images(images, trainingCount: 40, validationCount: 20, testCount: 20, labelNoise: 0.1)
            .data(seed: 1)
        let fewerFlipped = fewer.train.labels.indices.filter { fewer.train.labels[$0] != pixelClass(fewer.train, $0) }
        #expect(fewerFlipped.count == 4 && Set(fewerFlipped).isSubset(of: flipped))
    }

    @Test("a count larger than the set names the count")
    func tooLargeACountThrows() throws {
        let source = DataSource.images(try tinyImages(), trainingCount: 41, validationCount: 4, testCount: 4)
        #expect(throws: DatasetError.self) { try source.data(seed: 0) }
        #expect(source.name.contains("41 training"))
    }
}
