import Tensors
import Datasets

extension DataSource {
    /// An image problem (Fashion-MNIST, MNIST, any IDX pair) as the paper's image experiments
    /// use it: for seed s, class-balanced subsets of `trainingCount` training,
    /// `validationCount` validation and `testCount` test images drawn by s
    /// (`ImageClassificationData.reduced(trainingCount:validationCount:testCount:seed:)`, so
    /// a smaller count's images lie inside a larger one's at the same seed), then
    /// `labelNoise` of the training labels flipped to another class (exactly
    /// `round(labelNoise * trainingCount)` of them, drawn by s + 2:
    /// `Dataset.withLabelNoise(fraction:seed:)`, nested across fractions at one seed).
    /// Validation and test stay clean. Every model of an experiment sees the same sets at a seed.
    ///
    ///     let fashion = try FashionMNIST.load(layout: .flattened)
    ///     let source = DataSource.images(fashion, trainingCount: 5_000, validationCount: 1_000,
    ///                                    testCount: 2_000, labelNoise: 0.4)
    ///
    /// A count above its set's size makes `data(seed:)` throw `DatasetError.invalidParameter`;
    /// pass the set's own count for all of it.
    public static func images(
        _ images: ImageClassificationData, trainingCount: Int, validationCount: Int, testCount: Int, labelNoise: Double = 0
    ) -> DataSource {
        let noise = labelNoise == 0 ? "" : ", \(Int((100 * labelNoise).rounded()))% of the training labels flipped"
        let name = "\(images.name), \(trainingCount) training / \(validationCount) validation / \(testCount) test images\(noise)"
        return DataSource(name: name) { seed in
            let subset = try images.reduced(
                trainingCount: trainingCount, validationCount: validationCount, testCount: testCount, seed: seed)
            let training = labelNoise == 0
                ? subset.training : try subset.training.withLabelNoise(fraction: labelNoise, seed: seed &+ 2).dataset
            return SplitData(train: training, validation: subset.validation, test: subset.test)
        }
    }
}
