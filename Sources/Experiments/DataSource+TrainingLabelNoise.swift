import Datasets
import Foundation

extension DataSource {
    /// This source with `fraction` of each seed's training labels flipped, the paper's label
    /// noise: for seed s, exactly `round(fraction * n)` of the n training labels replaced by
    /// one of the other classes, drawn by s + 2 (`Dataset.withLabelNoise(fraction:seed:)`,
    /// so at one seed the flips of a smaller fraction are among those of a larger one, with
    /// the same wrong labels). Validation and test stay clean.
    ///
    ///     let clean = DataSource.toy(.blobs(centers: 10), trainCount: 500, validationCount: 200, testCount: 2000)
    ///     let noisy = clean.withTrainingLabelNoise(0.4)   // 200 of the 500 training labels wrong
    public func withTrainingLabelNoise(_ fraction: Double) -> DataSource {
        DataSource(name: "\(name), \(String(format: "%.0f%%", 100 * fraction)) of the training labels flipped") { seed in
            var split = try self.data(seed: seed)
            split.train = try split.train.withLabelNoise(fraction: fraction, seed: seed &+ 2).dataset
            return split
        }
    }
}
