import Datasets
import Experiments
import Models
import Tensors
import Testing

/// A source whose every seed has the same sets: training points (i, 0) with label i mod
/// `classes` (so a point's true class can be read from its first coordinate), and one
/// validation and one test point.
private func fixedSource(count: Int, classes: Int) throws -> DataSource {
    let labels = (0..<count).map { $0 % classes }
    let train = try Dataset(inputs: Tensor<Float>(shape: [count, 2], scalars: (0..<count).flatMap { [Float($0), 0] }),
                            labels: labels, classCount: classes)
    let single = try Dataset(inputs: Tensor<Float>(shape: [1, 2], scalars: [0, 0]), labels: [0], classCount: classes)
    return DataSource(name: "fixed") { _ in SplitData(train: train, validation: single, test: single) }
}

@Suite("Training-data transformations of a data source")
struct TrainingDataTransformTests {
    @Test("label noise flips exactly round(f n) training labels to another class, nested across fractions; validation and test untouched")
    func labelNoise() throws {
        let clean = try fixedSource(count: 20, classes: 4)
        let noisy = try clean.withTrainingLabelNoise(0.3).data(seed: 5)
        let truth = noisy.train.inputs.scalars.enumerated().filter { $0.offset % 2 == 0 }.map { Int($0.element) % 4 }
        let flipped = truth.indices.filter { noisy.train.labels[$0] != truth[$0] }
        #expect(flipped.count == 6)                         // round(0.3 * 20)
        #expect(noisy.seed == 5)
        #expect(noisy.validation.labels == [0] && noisy.test.labels == [0])
        let fewer = try clean.withTrainingLabelNoise(0.1).data(seed: 5)
        let fewerFlipped = truth.indices.filter { fewer.train.labels[$0] != truth[$0] }
        #expect(fewerFlipped.count == 2 && Set(fewerFlipped).isSubset(of: flipped))
        #expect(fewerFlipped.allSatisfy { fewer.train.labels[$0] == noisy.train.labels[$0] })   // the same wrong labels
        #expect(try clean.withTrainingLabelNoise(0).data(seed: 5).train == clean.data(seed: 5).train)
        #expect(clean.withTrainingLabelNoise(0.4).name == "fixed, 40% of the training labels flipped")
    }

    @Test("on images it flips the same labels as DataSource.images(labelNoise:)")
    func sameAsImageNoise() throws {
        let images = try tinyImages()
        let direct = try DataSource.images(images, trainingCount: 40, validationCount: 20, testCount: 20, labelNoise: 0.3).data(seed: 2)
        let transformed = try DataSource.images(images, trainingCount: 40, validationCount: 20, testCount: 20)
            .withTrainingLabelNoise(0.3).data(seed: 2)
        #expect(direct.train == transformed.train && direct.validation == transformed.validation)
    }

    @Test("a training subset keeps each class's share, nested across fractions; validation and test untouched")
    func subsets() throws {
        let pool = try fixedSource(count: 20, classes: 2)
        let half = try pool.withTrainingSubset(0.5).data(seed: 1)
        #expect(half.train.count == 10)
        #expect(half.train.labels.filter { $0 == 0 }.count == 5)
        let fifth = try pool.withTrainingSubset(0.2).data(seed: 1)
        #expect(fifth.train.count == 4 && fifth.train.labels.filter { $0 == 1 }.count == 2)
        let points = { (data: Dataset<Float>) in Set(data.inputs.scalars.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)) }
        #expect(points(fifth.train).isSubset(of: points(half.train)))
        #expect(half.validation.count == 1 && half.test.count == 1)
        #expect(try pool.withTrainingSubset(1).data(seed: 1).train == pool.data(seed: 1).train)
    }

    @Test("flipped_fit is the share of flipped points predicted with their flipped label; NaN without flips")
    func flippedFit() throws {
        // The model's logits are its inputs: it predicts class 0 where x0 > x1, class 1 otherwise.
        let model = Sequential<Float>([Dense<Float>(weight: Tensor(shape: [2, 2], scalars: [1, 0, 0, 1]), bias: Tensor(shape: [2], scalars: [0, 0]))])
        let inputs = Tensor<Float>(shape: [4, 2], scalars: [1, 0, 0, 1, 0, 1, 1, 0])   // predicted 0, 1, 1, 0
        let single = try Dataset(inputs: Tensor<Float>(shape: [1, 2], scalars: [0, 0]), labels: [0], classCount: 2)
        let source = { (labels: [Int]) in
            DataSource(name: "four") { _ in
                SplitData(train: try Dataset(inputs: inputs, labels: labels, classCount: 2), validation: single, test: single)
            }
        }
        let clean = source([0, 0, 1, 1])
        let measurement = MeasuredQuantity.flippedFit(clean: clean)
        #expect(measurement.names == ["flipped_fit"] && measurement.higherIsBetter == [false])
        // Point 1 flipped to 1, which the model predicts: 1 of 1.
        #expect(measurement.measure(model, try source([0, 1, 1, 1]).data(seed: 3)) == [1])
        // Points 1 and 2 flipped (to 1 and 0); the model predicts 1 at both: 1 of 2.
        #expect(measurement.measure(model, try source([0, 1, 0, 1]).data(seed: 3)) == [0.5])
        // Points 0, 2 and 3 flipped (to 1, 0, 0); the model predicts 0, 1, 0: only point 3's, 1 of 3.
        #expect(measurement.measure(model, try source([1, 0, 0, 0]).data(seed: 3)) == [1.0 / 3])
        #expect(measurement.measure(model, try clean.data(seed: 3))[0].isNaN)
    }
}
