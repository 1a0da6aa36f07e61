import Datasets

extension DataSource {
    /// This source with each seed's training set cut down to `fraction` of it: for seed s, the
    /// stratified subset `Dataset.subset(fraction:seed: s + 2)` (each class keeps its share to
    /// within one point; at one seed a smaller fraction's points lie inside a larger one's).
    /// Validation and test stay whole.
    ///
    ///     let pool = DataSource.toy(.twoMoons(noise: 0.1), trainCount: 1000, validationCount: 200, testCount: 2000)
    ///     let twenty = pool.withTrainingSubset(0.02)   // 20 of the 1,000 pool points
    public func withTrainingSubset(_ fraction: Double) -> DataSource {
        DataSource(name: "\(name), fraction \(fraction) of the pool") { seed in
            var split = try self.data(seed: seed)
            split.train = try split.train.subset(fraction: fraction, seed: seed &+ 2)
            return split
        }
    }
}
