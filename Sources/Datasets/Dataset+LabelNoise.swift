import Tensors

// Label noise: a fixed set of samples whose labels are replaced by a different class.

extension Dataset {
    /// The dataset with exactly `round(fraction * count)` labels (halves away from zero)
    /// flipped, and the indices of the flipped samples, ascending.
    ///
    /// The flipped samples are the first `round(fraction * count)` entries of one uniform
    /// permutation of all samples (not stratified); each gets a new label drawn uniformly
    /// from the *other* `classCount - 1` classes, so a flip never keeps its label. Draws
    /// follow the permutation, so for one seed the noise is nested: the flips at 10% are
    /// among the flips at 20%, with the same new labels.
    ///
    ///     let (noisy, flipped) = try train.withLabelNoise(fraction: 0.2, seed: 5)
    ///     // noisy.labels[i] != train.labels[i] exactly for i in flipped
    ///
    /// - Throws: `DatasetError.invalidParameter` if `fraction` is outside [0, 1] or there are
    ///   fewer than two classes, `DatasetError.emptyDataset` if the dataset is empty.
    public func withLabelNoise(fraction: Double, seed: UInt64) throws -> (dataset: Dataset, flipped: [Int]) {
        try DatasetError.checkFraction(fraction, name: "fraction", operation: "withLabelNoise")
        guard classCount >= 2 else {
            throw DatasetError.invalidParameter(
                name: "classCount", value: "\(classCount)", requirement: "at least 2 to flip labels",
                operation: "withLabelNoise")
        }
        guard !isEmpty else { throw DatasetError.emptyDataset(operation: "withLabelNoise") }
        var generator = SeededGenerator(seed: seed)
        let flipped = Array(generator.permutation(count).prefix(roundedCount(fraction)))
        var noisy = labels
        for index in flipped {
            let other = generator.nextInt(below: classCount - 1)
            noisy[index] = other >= labels[index] ? other + 1 : other
        }
        return (Dataset(unchecked: inputs, labels: noisy, classCount: classCount), flipped.sorted())
    }
}
