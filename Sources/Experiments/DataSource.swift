import Tensors
import Datasets

/// Where each seed's data comes from: a name for the results, and a function from the seed
/// to its training, validation and test sets (the same seed must give the same sets).
///
///     let source = DataSource.toy(.twoMoons(noise: 0.1), trainCount: 100, validationCount: 200, testCount: 2000)
///     let data = try source.data(seed: 3)
public struct DataSource {
    /// Says what the data is, in the results.
    public var name: String
    private let make: (UInt64) throws -> SplitData

    /// A source named `name` whose sets for each seed `make` builds.
    public init(name: String, make: @escaping (UInt64) throws -> SplitData) {
        self.name = name
        self.make = make
    }

    /// The sets of `seed`, which they record.
    public func data(seed: UInt64) throws -> SplitData {
        var split = try make(seed)
        split.seed = seed
        return split
    }

    /// A toy 2-D problem: for seed s, the training and test sets of
    /// `problem.sparseTrainDenseTest(trainCount:testCount:seed: s)` and a validation set drawn
    /// separately from the same distribution (`generate(count:seed:)` with seed s + 1,000,003).
    public static func toy(_ problem: Toy2D, trainCount: Int, validationCount: Int, testCount: Int) -> DataSource {
        DataSource(name: "\(problem), \(trainCount) training / \(validationCount) validation / \(testCount) test points") { seed in
            let (train, test) = try problem.sparseTrainDenseTest(trainCount: trainCount, testCount: testCount, seed: seed)
            let validation = try problem.generate(count: validationCount, seed: seed &+ 1_000_003)
            return SplitData(train: train, validation: validation, test: test)
        }
    }
}
