import Tensors

// Fractional training subsets for "accuracy vs training-set fraction" curves.

extension Dataset {
    /// The indices of a stratified subset of `round(fraction * count)` samples (halves away
    /// from zero), ascending: a prefix of `stratifiedOrder(seed:)`, so each class keeps
    /// `fraction` of its samples to within one.
    ///
    /// Nested and fixed: for one seed the same fraction always gives the same indices, and a
    /// smaller fraction's indices lie inside a larger one's, so every model trained on "10%"
    /// sees the same samples, all of which are in "20%".
    ///
    ///     try train.subsetIndices(fraction: 0.1, seed: 3)   // [4, 17, 30, ...]
    ///
    /// - Throws: `DatasetError.invalidParameter` if `fraction` is outside [0, 1],
    ///   `DatasetError.emptyDataset` if the dataset is empty.
    public func subsetIndices(fraction: Double, seed: UInt64) throws -> [Int] {
        try DatasetError.checkFraction(fraction, name: "fraction", operation: "subset")
        guard !isEmpty else { throw DatasetError.emptyDataset(operation: "subset") }
        return stratifiedOrder(seed: seed).prefix(roundedCount(fraction)).sorted()
    }

    /// The stratified, nested subset holding `fraction` of the samples (see
    /// `subsetIndices(fraction:seed:)`), in their original order.
    ///
    ///     for fraction in [0.1, 0.2, 0.5, 1.0] {
    ///         let part = try train.subset(fraction: fraction, seed: 3)   // 10% ⊂ 20% ⊂ 50% ⊂ 100%
    ///     }
    public func subset(fraction: Double, seed: UInt64) throws -> Dataset {
        subset(try subsetIndices(fraction: fraction, seed: seed))
    }
}
