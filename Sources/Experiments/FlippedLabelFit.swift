import Models
import Tensors

extension MeasuredQuantity {
    /// The name of `flippedFit(clean:)`'s quantity.
    public static let flippedFitName = "flipped_fit"

    /// "flipped_fit": how much label noise a model memorised. The flipped training points are
    /// those whose label differs from the same seed's training label in `clean` (the source
    /// before the noise); the value is the share of them the model assigns to their wrong,
    /// flipped label (lower is better; NaN without flipped points).
    ///
    ///     let clean = DataSource.toy(.blobs(centers: 10), trainCount: 500, validationCount: 200, testCount: 2000)
    ///     Experiment(data: clean.withTrainingLabelNoise(0.4), seeds: 0..<5, models: models,
    ///                measurements: [.flippedFit(clean: clean)])
    public static func flippedFit(clean: DataSource) -> MeasuredQuantity {
        MeasuredQuantity(flippedFitName, higherIsBetter: false) { model, split in
            let cleanLabels: [Int]
            do {
                cleanLabels = try clean.data(seed: split.seed).train.labels
            } catch {
                fatalError("flipped_fit: the clean data of seed \(split.seed) could not be made: \(error)")
            }
            guard cleanLabels.count == split.train.labels.count else {
                fatalError("flipped_fit: the clean training set of seed \(split.seed) has \(cleanLabels.count) points, the noisy one \(split.train.labels.count)")
            }
            let flipped = split.train.labels.indices.filter { split.train.labels[$0] != cleanLabels[$0] }
            guard !flipped.isEmpty else { return .nan }
            let predicted = predictedClasses(of: model, on: split.train.inputs)
            return Double(flipped.filter { predicted[$0] == split.train.labels[$0] }.count) / Double(flipped.count)
        }
    }

    /// The predicted class of every row of `inputs`, in chunks of `chunk` rows (a CNN's
    /// activations of thousands of images at once would be large), without recording gradients.
    static func predictedClasses(of model: Sequential<Float>, on inputs: Tensor<Float>, chunk: Int = 1_000) -> [Int] {
        withoutGradientRecording {
            stride(from: 0, to: inputs.shape[0], by: chunk).flatMap { start in
                model(inputs.slicing(axis: 0, range: start..<min(start + chunk, inputs.shape[0]))).argmax(alongAxis: 1)
            }
        }
    }
}
