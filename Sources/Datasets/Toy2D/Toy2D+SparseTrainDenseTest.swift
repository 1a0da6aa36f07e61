import Tensors

// The paper's Figure 1 setting: a few training points and a dense test set drawn from the
// same distribution.

extension Toy2D {
    /// A small training set and a large test set, independent draws from this problem:
    /// the "sparse train, dense test" mode of the toy figures, where the few training points
    /// are drawn bold and the many test points light, so a plot shows how each decision
    /// boundary generalises between them.
    ///
    /// Both sets are balanced. Their seeds are the first two outputs of
    /// `SeededGenerator(seed: seed)`, so the pair is decided by `seed`, and the training set
    /// does not depend on `testCount` (nor the test set on `trainCount`).
    ///
    ///     let (train, test) = try Toy2D.twoMoons(noise: 0.1).sparseTrainDenseTest(seed: 0)
    ///     train.count, test.count   // 50, 2000
    ///
    /// - Parameters:
    ///   - trainCount: training samples, at least 1 (default 50).
    ///   - testCount: test samples, at least 1 (default 2000).
    ///   - seed: decides both sets.
    /// - Throws: `DatasetError.invalidParameter` for a count below 1 or an invalid parameter
    ///   of the case.
    public func sparseTrainDenseTest(
        trainCount: Int = 50, testCount: Int = 2000, seed: UInt64
    ) throws -> (train: Dataset<Float>, test: Dataset<Float>) {
        for (name, value) in [("trainCount", trainCount), ("testCount", testCount)] where value < 1 {
            throw DatasetError.invalidParameter(
                name: name, value: "\(value)", requirement: "at least 1", operation: "Toy2D.sparseTrainDenseTest")
        }
        var seeds = SeededGenerator(seed: seed)
        let trainSeed = seeds.next()
        let testSeed = seeds.next()
        return (try generate(count: trainCount, seed: trainSeed), try generate(count: testCount, seed: testSeed))
    }
}
