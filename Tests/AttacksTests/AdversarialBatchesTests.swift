import Attacks
import Datasets
import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("Adversarial batches")
struct AdversarialBatchesTests {
    static func batch() -> LabeledBatch<Double> {
        let (x, y) = Fixtures.batch(rows: 10)
        return LabeledBatch(inputs: x, labels: y)
    }

    @Test("replacing: the batch keeps its size, the first rows are the crafted ones, the rest unchanged")
    func replacing() {
        let model = Fixtures.smoothNetwork()
        let batch = Self.batch()
        let transform: (Sequential<Double>, LabeledBatch<Double>) -> LabeledBatch<Double> =
            adversarialBatches(attack: .fgsm(epsilon: 0.1), fraction: 0.4, clippedTo: 0...1)
        let out = transform(model, batch)
        #expect(out.inputs.shape == [10, 4])
        #expect(out.labels == batch.labels)
        let crafted = fgsm(model, inputs: batch.inputs.slicing(axis: 0, range: 0..<4), labels: Array(batch.labels[..<4]),
                           epsilon: 0.1, clippedTo: 0...1)
        #expect(out.inputs.slicing(axis: 0, range: 0..<4) == crafted)
        #expect(out.inputs.slicing(axis: 0, range: 4..<10) == batch.inputs.slicing(axis: 0, range: 4..<10))
    }

    @Test("appending: the batch grows by round(fraction * n) crafted rows with their labels", arguments: [0.0, 0.25, 1.0])
    func appending(fraction: Double) {
        let model = Fixtures.smoothNetwork()
        let batch = Self.batch()
        let transform: (Sequential<Double>, LabeledBatch<Double>) -> LabeledBatch<Double> =
            adversarialBatches(attack: .pgd(epsilon: 0.1, iterations: 2), fraction: fraction, mixing: .appending)
        let out = transform(model, batch)
        let k = Int((fraction * 10).rounded())
        #expect(out.inputs.shape == [10 + k, 4])
        #expect(out.labels == batch.labels + Array(batch.labels[..<k]))
        #expect(out.inputs.slicing(axis: 0, range: 0..<10) == batch.inputs)
    }

    @Test("plugged into train, it runs every step on batches of the right size and the model still learns")
    func trainingHook() throws {
        let (trainSet, testSet) = try Toy2D.twoMoons(noise: 0.1).sparseTrainDenseTest(trainCount: 64, testCount: 500, seed: 5)
        var g = SeededGenerator(seed: 6)
        var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 16, 16, 2], using: &g)
        var optimizer = Adam<Float>(learningRate: 0.01)
        let options = TrainingOptions(steps: 200, batchSize: 32, seed: 7)
        let transform: (Sequential<Float>, LabeledBatch<Float>) -> LabeledBatch<Float> =
            adversarialBatches(attack: .fgsm(epsilon: 0.05), fraction: 0.5, mixing: .appending)
        var sizes: [Int] = []
        let history = train(&model, optimizer: &optimizer, inputs: trainSet.inputs, labels: trainSet.labels, options: options,
                            batchTransform: { model, batch in
                                let out = transform(model, batch)
                                sizes.append(out.labels.count)
                                return out
                            })
        #expect(sizes == Array(repeating: 48, count: 200))
        #expect(history.losses.last! < history.losses.first!)
        #expect(accuracy(of: model, on: LabeledBatch(inputs: testSet.inputs, labels: testSet.labels)) > 0.8)

        // The hook is written in place, its model type inferred from train's.
        var other = Sequential<Float>.multilayerPerceptron(sizes: [2, 8, 2], using: &g)
        var otherOptimizer = SGD<Float>(learningRate: 0.1)
        train(&other, optimizer: &otherOptimizer, inputs: trainSet.inputs, labels: trainSet.labels,
              options: TrainingOptions(steps: 5, batchSize: 16), batchTransform: adversarialBatches(attack: .pgd(epsilon: 0.1, iterations: 3)))
    }
}
