import Tensors

// Train/test splits.

extension Dataset {
    /// A stratified train/test split: `round(trainFraction * count)` samples (halves away from
    /// zero) go to `train`, the rest to `test`, and each class is divided in the same
    /// proportion to within one sample (see `stratifiedOrder(seed:)`).
    ///
    /// The split is decided by `seed` alone; both parts keep the samples in their original
    /// order. The two parts are disjoint and together hold every sample once. Train sets are
    /// nested: for one seed, the train set of a smaller fraction lies inside that of a larger
    /// one. `trainFraction` 0 or 1 gives an empty part.
    ///
    ///     let (train, test) = try data.split(trainFraction: 0.8, seed: 1)
    ///
    /// - Throws: `DatasetError.invalidParameter` if `trainFraction` is outside [0, 1],
    ///   `DatasetError.emptyDataset` if there is nothing to split.
    public func split(trainFraction: Double, seed: UInt64) throws -> (train: Dataset, test: Dataset) {
        try DatasetError.checkFraction(trainFraction, name: "trainFraction", operation: "split")
        guard !isEmpty else { throw DatasetError.emptyDataset(operation: "split") }
        let order = stratifiedOrder(seed: seed)
        let trainCount = roundedCount(trainFraction)
        return (subset(order[..<trainCount].sorted()), subset(order[trainCount...].sorted()))
    }
}
