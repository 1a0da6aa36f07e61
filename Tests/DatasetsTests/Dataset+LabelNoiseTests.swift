import Tensors
import Testing

@testable import Datasets

/// 400 samples of `classCount` classes, input i and label i % classCount.
private func data(classCount: Int = 4) throws -> Dataset<Float> {
    try Dataset(
        inputs: Tensor((0..<400).map(Float.init)), labels: (0..<400).map { $0 % classCount }, classCount: classCount)
}

@Suite("Dataset label noise")
struct DatasetLabelNoiseTests {
    @Test(
        "exactly round(fraction * count) labels change, and they are the reported ones",
        arguments: [0.0, 0.013, 0.1, 0.25, 0.5, 1.0])
    func exactCount(fraction: Double) throws {
        let clean = try data()
        let (noisy, flipped) = try clean.withLabelNoise(fraction: fraction, seed: 11)
        let changed = (0..<400).filter { noisy.labels[$0] != clean.labels[$0] }
        #expect(changed.count == Int((fraction * 400).rounded()))
        #expect(flipped == changed)
        #expect(noisy.inputs == clean.inputs)
        #expect(noisy.classCount == clean.classCount)
    }

    @Test("a flip never keeps the class and chooses uniformly among the other classes")
    func uniformOverOthers() throws {
        let clean = try Dataset(
            inputs: Tensor<Float>(zeros: [30_000, 1]), labels: Array(repeating: 1, count: 30_000), classCount: 4)
        let (noisy, flipped) = try clean.withLabelNoise(fraction: 1, seed: 3)
        #expect(flipped.count == 30_000)
        #expect(noisy.classCounts[1] == 0)
        // Each other class is Binomial(30000, 1/3): mean 10000, standard deviation about 82.
        for c in [0, 2, 3] { #expect(abs(noisy.classCounts[c] - 10_000) < 400) }
    }

    @Test("with two classes every flip swaps the label")
    func twoClasses() throws {
        let clean = try data(classCount: 2)
        let (noisy, flipped) = try clean.withLabelNoise(fraction: 0.3, seed: 1)
        #expect(flipped.allSatisfy { noisy.labels[$0] == 1 - clean.labels[$0] })
    }

    @Test("the noise is fixed by the seed, and another seed flips other samples")
    func determinism() throws {
        let clean = try data()
        let a = try clean.withLabelNoise(fraction: 0.2, seed: 5)
        let b = try clean.withLabelNoise(fraction: 0.2, seed: 5)
        let c = try clean.withLabelNoise(fraction: 0.2, seed: 6)
        #expect(a.dataset == b.dataset && a.flipped == b.flipped)
        #expect(a.flipped != c.flipped)
    }

    @Test("for one seed, the flips at a lower rate are among those at a higher rate, with the same new labels")
    func nested() throws {
        let clean = try data()
        let low = try clean.withLabelNoise(fraction: 0.1, seed: 2)
        let high = try clean.withLabelNoise(fraction: 0.3, seed: 2)
        #expect(Set(low.flipped).isSubset(of: high.flipped))
        #expect(low.flipped.allSatisfy { low.dataset.labels[$0] == high.dataset.labels[$0] })
    }

    @Test("a fraction outside [0, 1], a single class, or an empty dataset is an error")
    func errors() throws {
        let clean = try data()
        let fraction = #expect(throws: DatasetError.self) { try clean.withLabelNoise(fraction: -0.1, seed: 0) }
        #expect(fraction?.description == "withLabelNoise: fraction must be in [0, 1], got -0.1")
        let single = try Dataset(inputs: Tensor<Float>([1, 2]), labels: [0, 0], classCount: 1)
        let one = #expect(throws: DatasetError.self) { try single.withLabelNoise(fraction: 0.5, seed: 0) }
        #expect(one?.description == "withLabelNoise: classCount must be at least 2 to flip labels, got 1")
        let empty = #expect(throws: DatasetError.self) { try clean.subset([]).withLabelNoise(fraction: 0.5, seed: 0) }
        #expect(empty?.description == "withLabelNoise: the dataset is empty; it needs at least one sample")
    }
}
