import Datasets
import MarginTestSupport
import Models
import Tensors
import Testing

/// Bad input stops with a message that names the problem, never a silent wrong answer.
@Suite("Bad input to models and training")
struct BadInputTests {
    @Test("a layer index that does not exist")
    func missingLayer() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            let model = Sequential<Float>.multilayerPerceptron(sizes: [2, 4, 2], using: &g)
            _ = model.applied(to: Tensor(zeros: [1, 2]), keepingActivationsOf: [5])
        }
        #expect(standardError(of: result).contains("layer 5 does not exist: the model has 2 layers (0...1, and -1 for the input)"))
    }

    @Test("an input of the wrong width for a dense layer")
    func wrongWidth() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            _ = Dense<Float>(inputSize: 2, outputSize: 3, using: &g)(Tensor(zeros: [4, 5]))
        }
        #expect(standardError(of: result).contains("shape mismatch: [4, 5] vs [2, 3] in Dense (input vs weight)"))
    }

    @Test("NaN in the training data")
    func nanData() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &g)
            var optimizer = SGD<Float>(learningRate: 0.1)
            train(&model, optimizer: &optimizer, inputs: Tensor(shape: [2, 2], scalars: [0, .nan, 1, 1]), labels: [0, 1],
                  options: TrainingOptions(steps: 1, batchSize: 2))
        }
        #expect(standardError(of: result).contains("the training inputs contain NaN or infinity"))
    }

    @Test("an empty training set")
    func emptyData() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &g)
            var optimizer = SGD<Float>(learningRate: 0.1)
            train(&model, optimizer: &optimizer, inputs: Tensor(zeros: [0, 2]), labels: [], options: TrainingOptions(steps: 1, batchSize: 2))
        }
        #expect(standardError(of: result).contains("train needs at least one training example, got an empty dataset"))
    }

    @Test("a label out of range for the logits")
    func labelOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = softmaxCrossEntropy(logits: Tensor<Float>(zeros: [2, 3]), labels: [0, 3])
        }
        #expect(standardError(of: result).contains("softmaxCrossEntropy: label 3 is out of range for 3 classes"))
    }

    @Test("a loss that diverges stops training with a message instead of training on NaN")
    func divergence() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &g)
            // The same point with both labels: each huge step overshoots further, until inf - inf.
            var optimizer = SGD<Float>(learningRate: 1e38)
            train(&model, optimizer: &optimizer, inputs: Tensor(shape: [2, 2], scalars: [1, 2, 1, 2]), labels: [0, 1],
                  options: TrainingOptions(steps: 50, batchSize: 2))
        }
        #expect(standardError(of: result).contains("lower the learning rate or check the data"))
    }
}
