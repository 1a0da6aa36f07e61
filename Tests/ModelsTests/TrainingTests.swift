import Datasets
import Foundation
import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("Training", .serialized)
struct TrainingTests {
    @Test("the paper's toy network (4 hidden layers) reaches 100% training accuracy on sparse moons")
    func toyNetworkFitsTrainingSet() throws {
        let (trainingSet, testSet) = try Toy2D.twoMoons(noise: 0.1).sparseTrainDenseTest(trainCount: 60, testCount: 500, seed: 1)
        var g = SeededGenerator(seed: 2)
        var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 32, 32, 32, 32, 2], using: &g)
        var optimizer = RMSProp<Float>(learningRate: 0.01)
        let history = train(
            &model, optimizer: &optimizer, inputs: trainingSet.inputs, labels: trainingSet.labels,
            options: TrainingOptions(steps: 1500, batchSize: 128, seed: 3, evaluateEvery: 500),
            test: LabeledBatch(inputs: testSet.inputs, labels: testSet.labels))
        #expect(history.steps == 1500)
        #expect(history.evaluations.map(\.step) == [500, 1000, 1500])
        #expect(history.final?.trainingAccuracy == 1)
        #expect((history.final?.testAccuracy ?? 0) > 0.9)
        #expect(history.losses.last! < history.losses.first! / 10)
    }

    @Test("the same seeds give the same model and losses")
    func reproducible() {
        func run() -> ([Double], [Float]) {
            var g = SeededGenerator(seed: 9)
            let x = Tensor<Float>(randomNormal: [64, 2], using: &g)
            let y = x.scalars.enumerated().filter { $0.offset % 2 == 0 }.map { $0.element > 0 ? 1 : 0 }
            var model = Sequential<Float>([Dense<Float>(inputSize: 2, outputSize: 8, activation: .relu, using: &g),
                                           Dropout<Float>(probability: 0.1, seed: 4),
                                           Dense<Float>(inputSize: 8, outputSize: 2, using: &g)])
            var optimizer = Adam<Float>(learningRate: 0.01)
            let history = train(&model, optimizer: &optimizer, inputs: x, labels: y, options: TrainingOptions(steps: 30, batchSize: 16, seed: 5))
            return (history.losses, model.parameters.flatMap(\.scalars))
        }
        let (a, b) = (run(), run())
        #expect(a.0 == b.0)
        #expect(a.1 == b.1)
    }

    @Test("a requested stop ends training before the next step, keeps the model, and is cleared")
    func cooperativeStop() {
        var g = SeededGenerator(seed: 1)
        let x = Tensor<Float>(randomNormal: [32, 2], using: &g)
        var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 4, 2], using: &g)
        var optimizer = SGD<Float>(learningRate: 0.1)
        var reports = 0
        // A private request, so that loops of tests running alongside do not see it.
        TrainingStop.withPrivateRequest {
            let history = train(
                &model, optimizer: &optimizer, inputs: x, labels: Array(repeating: 0, count: 16) + Array(repeating: 1, count: 16),
                options: TrainingOptions(steps: 1000, batchSize: 8, reportEvery: 10),
                onProgress: { progress in
                    reports += 1
                    if progress.step == 20 { TrainingStop.request() }
                })
            #expect(history.stoppedEarly)
            #expect(history.steps == 20)
            #expect(reports == 2)
            #expect(!TrainingStop.isRequested)
            #expect(history.final?.step == 20)
        }
    }

    @Test("minibatches visit every example once per epoch, in a seeded order")
    func sampler() {
        var a = MinibatchSampler(count: 10, batchSize: 3, seed: 1)
        var b = MinibatchSampler(count: 10, batchSize: 3, seed: 1)
        let epoch = (0..<3).flatMap { _ in a.next() }
        #expect(Set(epoch).count == 9)
        #expect((0..<3).flatMap { _ in b.next() } == epoch)
        #expect(a.next().count == 3)
        var small = MinibatchSampler(count: 2, batchSize: 5, seed: 0)
        #expect(Set(small.next()) == [0, 1])
    }
}
