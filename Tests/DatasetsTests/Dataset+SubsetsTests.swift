import Tensors
import Testing

@testable import Datasets

/// 300 samples, input i and label i % 3 (100 per class).
private func data() throws -> Dataset<Float> {
    try Dataset(inputs: Tensor((0..<300).map(Float.init)), labels: (0..<300).map { $0 % 3 }, classCount: 3)
}

@Suite("Dataset subsets")
struct DatasetSubsetsTests {
    static let fractions = [0.0, 0.05, 0.1, 0.2, 0.5, 0.75, 1.0]

    @Test("a subset holds round(fraction * count) samples, stratified by class", arguments: fractions)
    func size(fraction: Double) throws {
        let all = try data()
        let part = try all.subset(fraction: fraction, seed: 1)
        #expect(part.count == Int((fraction * 300).rounded()))
        for c in 0..<3 { #expect(abs(Double(part.classCounts[c]) - fraction * 100) < 1 + 1e-9) }
        // Each row is the sample it claims to be.
        #expect(zip(part.inputs.scalars, part.labels).allSatisfy { Int($0) % 3 == $1 })
    }

    @Test("subsets for one seed are nested: 5% within 10% within 20% ... within 100%")
    func nested() throws {
        let all = try data()
        let sets = try Self.fractions.map { Set(try all.subsetIndices(fraction: $0, seed: 42)) }
        for (smaller, larger) in zip(sets, sets.dropFirst()) { #expect(smaller.isSubset(of: larger)) }
        #expect(sets.last == Set(0..<300))
    }

    @Test("the same seed always picks the same subset, another seed a different one")
    func determinism() throws {
        let all = try data()
        #expect(try all.subset(fraction: 0.2, seed: 7) == (try all.subset(fraction: 0.2, seed: 7)))
        #expect(try all.subsetIndices(fraction: 0.2, seed: 7) != (try all.subsetIndices(fraction: 0.2, seed: 8)))
    }

    @Test("the subset is the samples at its indices, in their original order")
    func indicesMatch() throws {
        let all = try data()
        let indices = try all.subsetIndices(fraction: 0.1, seed: 3)
        #expect(indices == indices.sorted())
        #expect(try all.subset(fraction: 0.1, seed: 3) == all.subset(indices))
    }

    @Test("a fraction outside [0, 1] or an empty dataset is an error")
    func errors() throws {
        let all = try data()
        let error = #expect(throws: DatasetError.self) { try all.subset(fraction: 1.2, seed: 0) }
        #expect(error?.description == "subset: fraction must be in [0, 1], got 1.2")
        let empty = #expect(throws: DatasetError.self) { try all.subset([]).subset(fraction: 0.5, seed: 0) }
        #expect(empty?.description == "subset: the dataset is empty; it needs at least one sample")
    }
}
