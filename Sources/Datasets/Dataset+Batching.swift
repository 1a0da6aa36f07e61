import Tensors

// Shuffling and mini-batches, every one decided by a `SeededGenerator`.

extension Dataset {
    /// The samples in a random order: one permutation drawn from `generator` (Fisher-Yates).
    ///
    ///     var generator = SeededGenerator(seed: 0)
    ///     let mixed = data.shuffled(using: &generator)
    public func shuffled(using generator: inout SeededGenerator) -> Dataset {
        subset(generator.permutation(count))
    }

    /// One epoch of mini-batches: the samples shuffled by one permutation drawn from
    /// `generator`, then cut into consecutive batches of `size`; the last batch keeps the
    /// remainder (`count % size` samples) rather than dropping it.
    ///
    /// Each call draws a new permutation, so calling it once per epoch with the same generator
    /// reshuffles every epoch, and the whole run is decided by the generator's seed. Batches
    /// are gathered lazily, when read.
    ///
    ///     var generator = SeededGenerator(seed: 0)
    ///     for epoch in 0..<10 {
    ///         for batch in try train.batches(size: 32, using: &generator) { /* batch.inputs, batch.labels */ }
    ///     }
    ///
    /// - Parameters:
    ///   - size: samples per batch, at least 1.
    ///   - generator: the source of the permutation.
    /// - Throws: `DatasetError.invalidParameter` if `size < 1`.
    public func batches(size: Int, using generator: inout SeededGenerator) throws -> DatasetBatches<Scalar> {
        guard size >= 1 else {
            throw DatasetError.invalidParameter(
                name: "size", value: "\(size)", requirement: "at least 1", operation: "batches")
        }
        return DatasetBatches(dataset: self, order: generator.permutation(count), batchSize: size)
    }

    /// A batch of `size` samples drawn uniformly *with replacement* (like `torch.randint`), so
    /// a sample may appear more than once; for sampling-based training loops that count steps
    /// rather than epochs.
    ///
    ///     let batch = try train.randomBatch(size: 64, using: &generator)
    ///
    /// - Throws: `DatasetError.invalidParameter` if `size < 1`, `DatasetError.emptyDataset`
    ///   if there is nothing to draw from.
    public func randomBatch(size: Int, using generator: inout SeededGenerator) throws -> Dataset {
        guard size >= 1 else {
            throw DatasetError.invalidParameter(
                name: "size", value: "\(size)", requirement: "at least 1", operation: "randomBatch")
        }
        guard !isEmpty else { throw DatasetError.emptyDataset(operation: "randomBatch") }
        return subset((0..<size).map { _ in generator.nextInt(below: count) })
    }
}

/// One epoch of mini-batches of a dataset (see `Dataset.batches(size:using:)`): a collection
/// whose element `i` is the batch of samples `order[i * batchSize ..< (i + 1) * batchSize]`.
public struct DatasetBatches<Scalar: TensorScalar>: RandomAccessCollection {
    /// The dataset being batched.
    public let dataset: Dataset<Scalar>
    /// The order in which the epoch visits the samples (a permutation of `0..<dataset.count`).
    public let order: [Int]
    /// Samples per batch; the last batch may have fewer.
    public let batchSize: Int

    public var startIndex: Int { 0 }
    public var endIndex: Int { (order.count + batchSize - 1) / batchSize }

    /// The indices into `dataset` of batch `position`.
    public func sampleIndices(ofBatch position: Int) -> ArraySlice<Int> {
        order[(position * batchSize)..<Swift.min((position + 1) * batchSize, order.count)]
    }

    public subscript(position: Int) -> Dataset<Scalar> {
        guard indices.contains(position) else {
            fail(.indexOutOfRange(index: position, count: count, operation: "DatasetBatches"))
        }
        return dataset.subset(Array(sampleIndices(ofBatch: position)))
    }
}
