import Tensors

/// How the validation set is taken from the training file.
public enum ValidationSplit: Sendable, Equatable {
    /// The first `count` samples of the training file; training keeps the rest, in file
    /// order. This is what TensorFlow's MNIST reader (`read_data_sets`, `validation_size=5000`)
    /// did, and so the paper's split of 55,000 / 5,000: `.leading(5_000)`, the default.
    case leading(Int)
    /// A class-balanced sample of `count` training samples chosen by `seed` (a prefix of
    /// `Dataset.stratifiedOrder(seed:)`); training keeps the rest. Both keep file order.
    case stratified(count: Int, seed: UInt64)

    /// The number of validation samples.
    public var count: Int {
        switch self {
        case let .leading(count), let .stratified(count, _): return count
        }
    }
}

/// The training, validation and test sets of an image classification problem, with the
/// names of its classes: what `FashionMNIST.load`, `MNIST.load` and
/// `ImageClassificationData.loadIDX` return.
///
///     let fashion = try FashionMNIST.load()
///     fashion.training.count        // 55000
///     fashion.classNames[9]         // "Ankle boot"
///     let quick = try fashion.reduced(fraction: 0.05, seed: 0)   // 2750 / 250 / 500
///
/// Inputs hold pixels in [0, 1], shaped `[n, 1, rows, columns]` or `[n, rows * columns]`
/// (`ImageLayout`); the three sets share the class count `classNames.count`.
public struct ImageClassificationData: Equatable {
    /// The problem's name, shown in summaries ("Fashion-MNIST").
    public let name: String
    /// The samples to train on.
    public var training: Dataset<Float>
    /// The held-out samples to tune on (taken from the training file; see `ValidationSplit`).
    public var validation: Dataset<Float>
    /// The test samples (the test file).
    public var test: Dataset<Float>
    /// The name of each class: `classNames[label]`.
    public let classNames: [String]

    /// Groups three sets and the names of their classes.
    ///
    /// - Throws: `DatasetError.invalidParameter` if a set's class count differs from
    ///   `classNames.count`.
    public init(name: String, training: Dataset<Float>, validation: Dataset<Float>, test: Dataset<Float>, classNames: [String]) throws {
        for (set, data) in [("training", training), ("validation", validation), ("test", test)] where data.classCount != classNames.count {
            throw DatasetError.invalidParameter(
                name: "\(set).classCount", value: "\(data.classCount)", requirement: "classNames.count (\(classNames.count))",
                operation: "ImageClassificationData")
        }
        self.name = name
        self.training = training
        self.validation = validation
        self.test = test
        self.classNames = classNames
    }

    /// The same problem with `round(fraction * n)` samples of each set (halves away from
    /// zero), for quick runs: stratified and nested, as `Dataset.subset(fraction:seed:)`, so
    /// every class keeps its share and 5% lies inside 10%.
    ///
    ///     let quick = try fashion.reduced(fraction: 0.1, seed: 0)   // 5500 / 500 / 1000
    ///
    /// - Throws: `DatasetError.invalidParameter` if `fraction` is outside [0, 1].
    public func reduced(fraction: Double, seed: UInt64) throws -> ImageClassificationData {
        try DatasetError.checkFraction(fraction, name: "fraction", operation: "reduced")
        return try reduced(
            trainingCount: training.roundedCount(fraction), validationCount: validation.roundedCount(fraction),
            testCount: test.roundedCount(fraction), seed: seed)
    }

    /// The same problem with the stated number of samples of each set, for quick runs:
    /// class-balanced prefixes of `Dataset.stratifiedOrder(seed:)`, in file order (nested: a
    /// smaller count's samples lie inside a larger one's).
    ///
    ///     let tiny = try fashion.reduced(trainingCount: 1000, validationCount: 200, testCount: 500, seed: 0)
    ///
    /// - Throws: `DatasetError.invalidParameter` if a count is negative or above its set's size.
    public func reduced(trainingCount: Int, validationCount: Int, testCount: Int, seed: UInt64) throws -> ImageClassificationData {
        func part(_ data: Dataset<Float>, _ count: Int, _ name: String) throws -> Dataset<Float> {
            guard (0...data.count).contains(count) else {
                throw DatasetError.invalidParameter(name: name, value: "\(count)", requirement: "in 0...\(data.count)", operation: "reduced")
            }
            return count == data.count ? data : data.subset(data.stratifiedOrder(seed: seed).prefix(count).sorted())
        }
        return try ImageClassificationData(
            name: name, training: part(training, trainingCount, "trainingCount"),
            validation: part(validation, validationCount, "validationCount"), test: part(test, testCount, "testCount"),
            classNames: classNames)
    }
}

extension ImageClassificationData: CustomStringConvertible {
    /// For example "Fashion-MNIST: 55000 training, 5000 validation, 10000 test images of
    /// shape [1, 28, 28], 10 classes (T-shirt/top, Trouser, ..., Ankle boot)".
    public var description: String {
        "\(name): \(training.count) training, \(validation.count) validation, \(test.count) test images of shape "
            + "\(test.sampleShape), \(classNames.count) classes (\(classNames.joined(separator: ", ")))"
    }
}
