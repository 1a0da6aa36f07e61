import Tensors

/// Whether `Dataset`'s initialiser accepts zero samples.
public enum EmptyDatasetPolicy: Sendable, Equatable {
    /// An empty dataset is an error (`DatasetError.noSamples`): the default.
    case reject
    /// An empty dataset is accepted, for code that builds one on purpose.
    case allow
}

/// Labelled samples for classification: `inputs` of shape `[samples, features...]` and one
/// integer label in `0..<classCount` per sample.
///
/// A value type whose invariants are checked once, when it is built: one label per sample,
/// every label in range, every input finite, and at least one sample unless asked otherwise.
/// Every operation of this module (subsets, splits, label noise, batches) keeps them.
///
///     let data = try Dataset(inputs: Tensor<Float>([[0, 0], [1, 1], [2, 2]]), labels: [0, 1, 1], classCount: 2)
///     data.count         // 3
///     data.classCounts   // [1, 2]
public struct Dataset<Scalar: TensorScalar> {
    /// The samples, stacked along the first axis: shape `[count, features...]`.
    public let inputs: Tensor<Scalar>
    /// The class of each sample, in `0..<classCount`.
    public let labels: [Int]
    /// The number of classes (some may have no samples in a subset).
    public let classCount: Int

    /// Checks and builds a dataset.
    ///
    /// - Parameters:
    ///   - inputs: the samples, shape `[samples, features...]` (rank 1 means one feature each).
    ///   - labels: one label per sample, each in `0..<classCount`.
    ///   - classCount: the number of classes, at least 1.
    ///   - ifEmpty: `.reject` (default) throws `DatasetError.noSamples` for zero samples.
    /// - Throws: `DatasetError` naming the first broken invariant.
    public init(inputs: Tensor<Scalar>, labels: [Int], classCount: Int, ifEmpty: EmptyDatasetPolicy = .reject) throws {
        guard inputs.rank >= 1 else { throw DatasetError.inputShape(inputs.shape) }
        guard classCount >= 1 else { throw DatasetError.classCount(classCount) }
        guard labels.count == inputs.shape[0] else {
            throw DatasetError.labelCountMismatch(labels: labels.count, samples: inputs.shape[0])
        }
        guard !labels.isEmpty || ifEmpty == .allow else { throw DatasetError.noSamples }
        if let index = labels.firstIndex(where: { !(0..<classCount).contains($0) }) {
            throw DatasetError.labelOutOfRange(label: labels[index], index: index, classCount: classCount)
        }
        if let (value, sample) = Dataset.firstNonFinite(in: inputs) {
            throw DatasetError.nonFinite(value: value, sample: sample)
        }
        self.init(unchecked: inputs, labels: labels, classCount: classCount)
    }

    /// A dataset whose invariants the caller has already established.
    init(unchecked inputs: Tensor<Scalar>, labels: [Int], classCount: Int) {
        self.inputs = inputs
        self.labels = labels
        self.classCount = classCount
    }

    /// The number of samples.
    public var count: Int { labels.count }

    /// Whether there are no samples.
    public var isEmpty: Bool { labels.isEmpty }

    /// The shape of one sample (`inputs.shape` without its first axis).
    public var sampleShape: [Int] { Array(inputs.shape.dropFirst()) }

    /// How many samples each class has: `classCounts[c]` counts the labels equal to `c`.
    ///
    ///     try Dataset(inputs: Tensor<Float>([1, 2, 3]), labels: [0, 2, 2], classCount: 3).classCounts   // [1, 0, 2]
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts
    }

    /// The samples at `indices`, in that order (indices may repeat, as in a bootstrap sample;
    /// an empty list gives an empty dataset).
    ///
    ///     data.subset([2, 0])   // samples 2 and 0
    ///
    /// Stops with `DatasetError.indexOutOfRange`'s text if an index is outside `0..<count`.
    public func subset(_ indices: [Int]) -> Dataset {
        if let bad = indices.first(where: { !(0..<count).contains($0) }) {
            fail(.indexOutOfRange(index: bad, count: count, operation: "subset"))
        }
        return Dataset(
            unchecked: inputs.gathering(atIndices: indices, alongAxis: 0), labels: indices.map { labels[$0] },
            classCount: classCount)
    }

    /// The same samples with inputs converted to another scalar type.
    ///
    ///     let data64 = data.converted(to: Double.self)
    ///
    /// Stops with `DatasetError.nonFinite`'s text if a value overflows the new type (a Double
    /// beyond Float's range); Float to Double never does.
    public func converted<Other: TensorScalar>(to type: Other.Type) -> Dataset<Other> {
        let converted = Tensor<Other>(converting: inputs)
        if let (value, sample) = Dataset<Other>.firstNonFinite(in: converted) {
            fail(.nonFinite(value: value, sample: sample))
        }
        return Dataset<Other>(unchecked: converted, labels: labels, classCount: classCount)
    }

    /// The first NaN or infinite value of `inputs` and the sample holding it.
    static func firstNonFinite(in inputs: Tensor<Scalar>) -> (Double, Int)? {
        let perSample = inputs.rank == 0 ? 1 : inputs.shape.dropFirst().reduce(1, *)
        return inputs.withUnsafeBufferPointer { values in
            guard let i = values.firstIndex(where: { !$0.isFinite }) else { return nil }
            return (Double(values[i]), i / Swift.max(perSample, 1))
        }
    }
}

extension Dataset: Equatable {
    /// Equal inputs (shape and values), labels and class count.
    public static func == (lhs: Dataset, rhs: Dataset) -> Bool {
        lhs.classCount == rhs.classCount && lhs.labels == rhs.labels && lhs.inputs == rhs.inputs
    }
}
