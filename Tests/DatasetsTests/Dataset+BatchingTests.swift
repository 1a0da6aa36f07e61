import Tensors
import Testing

@testable import Datasets

/// Sample i has inputs [i, -i] and label i % 3, so a row tells which sample it is.
private func indexed(_ count: Int) throws -> Dataset<Float> {
    try Dataset(
        inputs: Tensor(shape: [count, 2], scalars: (0..<count).flatMap { [Float($0), -Float($0)] }),
        labels: (0..<count).map { $0 % 3 }, classCount: 3)
}

/// The sample indices of a dataset built by `indexed`, read back from its first column;
/// also checks each row still carries its own label and second column.
private func sampleIndices(_ data: Dataset<Float>) -> [Int] {
    let rows = data.inputs.scalars
    return (0..<data.count).map { k in
        let i = Int(rows[2 * k])
        #expect(rows[2 * k + 1] == -Float(i))
        #expect(data.labels[k] == i % 3)
        return i
    }
}

@Suite("Dataset batching")
struct DatasetBatchingTests {
    @Test("shuffling reorders the samples without losing, duplicating or unpairing any")
    func shuffled() throws {
        let data = try indexed(50)
        var generator = SeededGenerator(seed: 1)
        let mixed = data.shuffled(using: &generator)
        let order = sampleIndices(mixed)
        #expect(order.sorted() == Array(0..<50))
        #expect(order != Array(0..<50))
        #expect(mixed.classCounts == data.classCounts)
    }

    @Test("the same seed shuffles the same way; another seed differently")
    func shuffleDeterminism() throws {
        let data = try indexed(30)
        var a = SeededGenerator(seed: 9)
        var b = SeededGenerator(seed: 9)
        var c = SeededGenerator(seed: 10)
        #expect(data.shuffled(using: &a) == data.shuffled(using: &b))
        #expect(data.shuffled(using: &a) != data.shuffled(using: &c))
    }

    @Test("an epoch covers every sample once in full batches plus a kept partial one")
    func epoch() throws {
        let data = try indexed(103)
        var generator = SeededGenerator(seed: 2)
        let batches = try data.batches(size: 25, using: &generator)
        #expect(batches.count == 5)
        #expect(batches.map(\.count) == [25, 25, 25, 25, 3])
        let seen = batches.flatMap(sampleIndices)
        #expect(seen.sorted() == Array(0..<103))
        #expect(seen == batches.order)
    }

    @Test("a batch size that divides the count gives no partial batch; a larger one gives one batch")
    func batchCounts() throws {
        let data = try indexed(12)
        var generator = SeededGenerator(seed: 3)
        #expect(try data.batches(size: 4, using: &generator).map(\.count) == [4, 4, 4])
        #expect(try data.batches(size: 100, using: &generator).map(\.count) == [12])
    }

    @Test("each epoch reshuffles, and the whole sequence of epochs is fixed by the seed")
    func epochsDeterministic() throws {
        let data = try indexed(40)
        func run(seed: UInt64) throws -> [[Int]] {
            var generator = SeededGenerator(seed: seed)
            return try (0..<3).map { _ in try data.batches(size: 8, using: &generator).order }
        }
        let first = try run(seed: 4)
        #expect(first == (try run(seed: 4)))
        #expect(first != (try run(seed: 5)))
        #expect(first[0] != first[1] && first[1] != first[2])
    }

    @Test("a random batch draws with replacement, uniformly over the samples")
    func randomBatch() throws {
        let data = try indexed(10)
        var generator = SeededGenerator(seed: 6)
        let batch = try data.randomBatch(size: 20_000, using: &generator)
        #expect(batch.count == 20_000)
        let drawn = sampleIndices(batch)
        var histogram = [Int](repeating: 0, count: 10)
        for i in drawn { histogram[i] += 1 }
        // Each count is Binomial(20000, 0.1): mean 2000, standard deviation about 42.
        #expect(histogram.allSatisfy { abs($0 - 2000) < 250 })
        let small = try data.randomBatch(size: 8, using: &generator)
        #expect(small.count == 8)
    }

    @Test("random batches are fixed by the seed")
    func randomBatchDeterministic() throws {
        let data = try indexed(100)
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        #expect(try data.randomBatch(size: 16, using: &a) == (try data.randomBatch(size: 16, using: &b)))
        var c = SeededGenerator(seed: 8)
        #expect(try data.randomBatch(size: 16, using: &a) != (try data.randomBatch(size: 16, using: &c)))
    }

    @Test("a batch size below 1 and sampling from nothing are errors")
    func errors() throws {
        let data = try indexed(5)
        var generator = SeededGenerator(seed: 0)
        let zero = #expect(throws: DatasetError.self) { try data.batches(size: 0, using: &generator) }
        #expect(zero?.description == "batches: size must be at least 1, got 0")
        let negative = #expect(throws: DatasetError.self) { try data.randomBatch(size: -2, using: &generator) }
        #expect(negative?.description == "randomBatch: size must be at least 1, got -2")
        let empty = data.subset([])
        let nothing = #expect(throws: DatasetError.self) { try empty.randomBatch(size: 4, using: &generator) }
        #expect(nothing?.description == "randomBatch: the dataset is empty; it needs at least one sample")
        #expect(try empty.batches(size: 4, using: &generator).isEmpty)
    }
}
