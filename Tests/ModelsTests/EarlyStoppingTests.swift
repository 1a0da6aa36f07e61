import Datasets
import Models
import Tensors
import Testing

@Suite("Early stopping")
struct EarlyStoppingTests {
    /// A small network on sparse moons with a noisy validation set, so validation accuracy moves.
    func setUp() throws -> (model: Sequential<Float>, train: Dataset<Float>, validation: LabeledBatch<Float>) {
        let (train, test) = try Toy2D.twoMoons(noise: 0.3).sparseTrainDenseTest(trainCount: 30, testCount: 200, seed: 4)
        var g = SeededGenerator(seed: 5)
        let model = Sequential<Float>.multilayerPerceptron(sizes: [2, 16, 16, 2], using: &g)
        return (model, train, LabeledBatch(inputs: test.inputs, labels: test.labels))
    }

    @Test("the model ends with the parameters of the best validation measurement, ties going to the later step")
    func keepsBest() throws {
        var (model, train, validation) = try setUp()
        var optimizer = RMSProp<Float>(learningRate: 0.01)
        let history = Models.train(
            &model, optimizer: &optimizer, inputs: train.inputs, labels: train.labels,
            options: TrainingOptions(steps: 400, batchSize: 16, seed: 1),
            earlyStopping: EarlyStopping(validation: validation, every: 50))
        let measured = history.validationAccuracies
        #expect(measured.map(\.step) == [0, 50, 100, 150, 200, 250, 300, 350, 400])
        let best = measured.map(\.accuracy).max()!
        let expectedStep = measured.last { $0.accuracy == best }!.step
        #expect(history.bestStep == expectedStep)
        #expect(accuracy(of: model, on: validation) == best)
        #expect(history.steps == 400)

        // Retraining to exactly the best step gives the same parameters.
        var (again, _, _) = try setUp()
        var optimizerAgain = RMSProp<Float>(learningRate: 0.01)
        Models.train(&again, optimizer: &optimizerAgain, inputs: train.inputs, labels: train.labels,
                     options: TrainingOptions(steps: expectedStep, batchSize: 16, seed: 1))
        #expect(again.parameters.map(\.scalars) == model.parameters.map(\.scalars))
    }

    @Test("with batch norm, the running averages of the best measurement come back with its parameters")
    func keepsBestRunningAverages() throws {
        let (_, train, validation) = try setUp()
        func normalizedModel() -> Sequential<Float> {
            var g = SeededGenerator(seed: 5)
            return Sequential<Float>([
                Dense<Float>(inputSize: 2, outputSize: 16, using: &g), BatchNorm<Float>(channels: 16),
                Dense<Float>(inputSize: 16, outputSize: 2, using: &g),
            ])
        }
        // Validation labels flipped: the better the model learns, the worse it does there, so
        // the best measurement comes early and training goes on past it.
        let flipped = LabeledBatch(inputs: validation.inputs, labels: validation.labels.map { 1 - $0 })
        var model = normalizedModel()
        var optimizer = RMSProp<Float>(learningRate: 0.01)
        let history = Models.train(
            &model, optimizer: &optimizer, inputs: train.inputs, labels: train.labels,
            options: TrainingOptions(steps: 400, batchSize: 16, seed: 1),
            earlyStopping: EarlyStopping(validation: flipped, every: 50))
        let bestStep = try #require(history.bestStep)
        try #require(bestStep < 400, "the best measurement is the last one; the test needs an earlier one")

        var again = normalizedModel()
        var optimizerAgain = RMSProp<Float>(learningRate: 0.01)
        Models.train(&again, optimizer: &optimizerAgain, inputs: train.inputs, labels: train.labels,
                     options: TrainingOptions(steps: bestStep, batchSize: 16, seed: 1))
        #expect(again.parameters.map(\.scalars) == model.parameters.map(\.scalars))
        #expect(again.states.map(\.scalars) == model.states.map(\.scalars))
        #expect(!model.states.isEmpty)
    }

    @Test("patience ends training after that many measurements below the best")
    func patience() throws {
        var (model, train, validation) = try setUp()
        // A learning rate this large makes the validation accuracy fall and wander.
        var optimizer = SGD<Float>(learningRate: 5)
        let history = Models.train(
            &model, optimizer: &optimizer, inputs: train.inputs, labels: train.labels,
            options: TrainingOptions(steps: 2000, batchSize: 16, seed: 1),
            earlyStopping: EarlyStopping(validation: validation, every: 10, patience: 3))
        #expect(history.stoppedByPatience)
        let accuracies = history.validationAccuracies.map(\.accuracy)
        let bestIndex = accuracies.lastIndex(of: accuracies.max()!)!
        #expect(accuracies.count == bestIndex + 4)
        #expect(history.steps == history.validationAccuracies.last!.step)
        #expect(history.bestStep == history.validationAccuracies[bestIndex].step)
    }
}

@Suite("Early stopping's training sample")
struct EarlyStoppingTrainingSampleTests {
    @Test("each measurement also measures the training sample, with the accuracy an independent count gives")
    func trainingSample() throws {
        let (train, test) = try Toy2D.twoMoons(noise: 0.3).sparseTrainDenseTest(trainCount: 40, testCount: 100, seed: 4)
        var g = SeededGenerator(seed: 5)
        var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 16, 2], using: &g)
        var optimizer = RMSProp<Float>(learningRate: 0.01)
        let sample = LabeledBatch(inputs: train.inputs, labels: train.labels)
        let history = Models.train(
            &model, optimizer: &optimizer, inputs: train.inputs, labels: train.labels,
            options: TrainingOptions(steps: 40, batchSize: 40, seed: 1),
            earlyStopping: EarlyStopping(validation: LabeledBatch(inputs: test.inputs, labels: test.labels), every: 20, trainingSample: sample))
        #expect(history.validationAccuracies.map(\.step) == [0, 20, 40])
        #expect(history.validationAccuracies.allSatisfy { $0.trainingAccuracy != nil })
        // The last measurement's model is the trained one when it is the best; count its hits by hand.
        let logits = model(train.inputs).scalars
        let predicted = (0..<train.count).map { row in logits[2 * row] >= logits[2 * row + 1] ? 0 : 1 }
        let hits = zip(predicted, train.labels).filter { $0 == $1 }.count
        if history.bestStep == 40 {
            #expect(history.validationAccuracies.last!.trainingAccuracy == Double(hits) / Double(train.count))
        }
        // Without a sample, nothing but validation is measured.
        var other = Sequential<Float>.multilayerPerceptron(sizes: [2, 16, 2], using: &g)
        let plain = Models.train(&other, optimizer: &optimizer, inputs: train.inputs, labels: train.labels,
                                 options: TrainingOptions(steps: 20, batchSize: 40, seed: 1),
                                 earlyStopping: EarlyStopping(validation: sample, every: 10))
        #expect(plain.validationAccuracies.allSatisfy { $0.trainingAccuracy == nil })
    }
}
