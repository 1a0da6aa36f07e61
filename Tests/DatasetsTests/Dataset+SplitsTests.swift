import Tensors
import Testing

@testable import Datasets

/// Sample i has input i and label i % 4 for the first 80 samples and 0 after, so classes
/// are unequal and a row tells which sample it is.
private func data() throws -> Dataset<Float> {
    let count = 130
    return try Dataset(
        inputs: Tensor((0..<count).map(Float.init)), labels: (0..<count).map { $0 < 80 ? $0 % 4 : 0 }, classCount: 4)
}

private func sampleIndices(_ part: Dataset<Float>) -> [Int] { part.inputs.scalars.map { Int($0) } }

@Suite("Dataset splits")
struct DatasetSplitsTests {
    @Test(
        "train holds round(fraction * count) samples, test the rest, disjoint and together complete",
        arguments: [0.0, 0.1, 0.25, 0.5, 0.8, 0.99, 1.0])
    func sizes(fraction: Double) throws {
        let all = try data()
        let (train, test) = try all.split(trainFraction: fraction, seed: 3)
        let expected = Int((fraction * 130).rounded())
        #expect(train.count == expected)
        #expect(test.count == 130 - expected)
        let trainIndices = sampleIndices(train)
        let testIndices = sampleIndices(test)
        #expect(Set(trainIndices).isDisjoint(with: testIndices))
        #expect((trainIndices + testIndices).sorted() == Array(0..<130))
        #expect(trainIndices == trainIndices.sorted() && testIndices == testIndices.sorted())
        #expect(train.labels == trainIndices.map { all.labels[$0] })
        #expect(train.classCount == 4 && test.classCount == 4)
    }

    @Test("the split is stratified: each class goes to train in the same proportion, to within one sample")
    func stratified() throws {
        let all = try data()
        let (train, _) = try all.split(trainFraction: 0.3, seed: 4)
        for (c, n) in all.classCounts.enumerated() {
            #expect(abs(Double(train.classCounts[c]) - 0.3 * Double(n)) < 1 + 1e-9)
        }
    }

    @Test("the same seed gives the same split; another seed a different one")
    func determinism() throws {
        let all = try data()
        let a = try all.split(trainFraction: 0.7, seed: 8)
        let b = try all.split(trainFraction: 0.7, seed: 8)
        let c = try all.split(trainFraction: 0.7, seed: 9)
        #expect(a.train == b.train && a.test == b.test)
        #expect(a.train != c.train)
    }

    @Test("for one seed a smaller train fraction's train set lies inside a larger one's")
    func nested() throws {
        let all = try data()
        let small = Set(sampleIndices(try all.split(trainFraction: 0.2, seed: 2).train))
        let large = Set(sampleIndices(try all.split(trainFraction: 0.6, seed: 2).train))
        #expect(small.isSubset(of: large))
    }

    @Test("a fraction outside [0, 1] or an empty dataset is an error")
    func errors() throws {
        let all = try data()
        for bad in [-0.5, 1.5, Double.nan] {
            let error = #expect(throws: DatasetError.self) { try all.split(trainFraction: bad, seed: 0) }
            #expect(error?.description == "split: trainFraction must be in [0, 1], got \(bad)")
        }
        let empty = #expect(throws: DatasetError.self) { try all.subset([]).split(trainFraction: 0.5, seed: 0) }
        #expect(empty?.description == "split: the dataset is empty; it needs at least one sample")
    }
}
