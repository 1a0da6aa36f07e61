/// A problem with a dataset or with the arguments of a dataset operation, worded for the
/// person who called it.
///
///     DatasetError.labelOutOfRange(label: 3, index: 7, classCount: 3).description
///     // "Dataset: label 3 at index 7 is outside 0..<3"
///
/// Every throwing function of this module throws one of these, except those that read files,
/// which throw `DataFileError` for the file at fault; the few non-throwing ones (`subset(_:)`,
/// `converted(to:)`) stop with this text on a programming error.
public enum DatasetError: Error, Equatable, CustomStringConvertible {
    /// A dataset built with no samples without `ifEmpty: .allow`.
    case noSamples
    /// An operation that needs at least one sample was given an empty dataset.
    case emptyDataset(operation: String)
    /// `labels.count` differs from the number of samples `inputs.shape[0]`.
    case labelCountMismatch(labels: Int, samples: Int)
    /// A label outside `0..<classCount`.
    case labelOutOfRange(label: Int, index: Int, classCount: Int)
    /// A NaN or infinite input value, with the sample that holds it. (A NaN `value` makes
    /// two such errors unequal under `==`; compare their descriptions instead.)
    case nonFinite(value: Double, sample: Int)
    /// Inputs whose shape is not `[samples, features...]` (a scalar tensor).
    case inputShape([Int])
    /// A class count below 1.
    case classCount(Int)
    /// A sample index outside `0..<count`.
    case indexOutOfRange(index: Int, count: Int, operation: String)
    /// An argument that breaks its stated requirement, such as a fraction outside [0, 1].
    case invalidParameter(name: String, value: String, requirement: String, operation: String)

    public var description: String {
        switch self {
        case .noSamples:
            return "Dataset: no samples; pass ifEmpty: .allow to build an empty dataset on purpose"
        case let .emptyDataset(operation):
            return "\(operation): the dataset is empty; it needs at least one sample"
        case let .labelCountMismatch(labels, samples):
            return "Dataset: \(labels) labels for \(samples) samples; labels.count must equal inputs.shape[0]"
        case let .labelOutOfRange(label, index, classCount):
            return "Dataset: label \(label) at index \(index) is outside 0..<\(classCount)"
        case let .nonFinite(value, sample):
            return "Dataset: inputs must be finite, but sample \(sample) holds \(value)"
        case let .inputShape(shape):
            return "Dataset: inputs need shape [samples, features...], got shape \(shape)"
        case let .classCount(count):
            return "Dataset: classCount must be at least 1, got \(count)"
        case let .indexOutOfRange(index, count, operation):
            return "\(operation): index \(index) is outside 0..<\(count)"
        case let .invalidParameter(name, value, requirement, operation):
            return "\(operation): \(name) must be \(requirement), got \(value)"
        }
    }

    /// The error for a fraction outside [0, 1] (or NaN).
    static func fraction(_ value: Double, name: String, operation: String) -> DatasetError {
        .invalidParameter(name: name, value: "\(value)", requirement: "in [0, 1]", operation: operation)
    }

    /// Throws `fraction(...)` unless `value` is in [0, 1].
    static func checkFraction(_ value: Double, name: String, operation: String) throws {
        guard (0...1).contains(value) else { throw fraction(value, name: name, operation: operation) }
    }
}

/// Stops with `error`'s text: how the non-throwing operations refuse a programming error.
func fail(_ error: DatasetError) -> Never {
    fatalError(error.description)
}
