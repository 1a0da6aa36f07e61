import Tensors
import Datasets

/// The data of one seed's runs: a training set, a validation set (for choosing
/// hyper-parameters and for early stopping) and a test set, which nothing is chosen on.
public struct SplitData {
    public var train: Dataset<Float>
    public var validation: Dataset<Float>
    public var test: Dataset<Float>
    /// The seed these sets were made for (set by `DataSource.data(seed:)`; 0 until then), so
    /// a `MeasuredQuantity` can seed what it trains of its own (a black-box attacker, say).
    public internal(set) var seed: UInt64 = 0

    /// The three sets; they must share their sample shape and class count.
    public init(train: Dataset<Float>, validation: Dataset<Float>, test: Dataset<Float>) {
        guard train.sampleShape == validation.sampleShape, train.sampleShape == test.sampleShape,
              train.classCount == validation.classCount, train.classCount == test.classCount
        else {
            fatalError("the training, validation and test sets must share their sample shape and class count, got \(train.sampleShape)/\(validation.sampleShape)/\(test.sampleShape) and \(train.classCount)/\(validation.classCount)/\(test.classCount) classes")
        }
        self.train = train
        self.validation = validation
        self.test = test
    }
}
