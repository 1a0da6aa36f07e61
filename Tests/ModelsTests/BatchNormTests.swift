import Foundation
import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("Batch normalisation")
struct BatchNormTests {
    // Two batches of 2 samples and 3 channels.
    // First: channel means [2, 4, 1], biased variances [1, 4, 4] (unbiased [2, 8, 8]).
    private let first = Tensor<Double>([[1, 2, 3], [3, 6, -1]])
    // Second: channel means [1, -1, 2], biased variances [1, 1, 4] (unbiased [2, 2, 8]).
    private let second = Tensor<Double>([[0, 0, 0], [2, -2, 4]])

    private func layer(epsilon: Double = 1e-3) -> BatchNorm<Double> {
        BatchNorm(
            scale: Tensor([1, 2, 0.5]), offset: Tensor([0, 1, -1]),
            runningMean: Tensor(zeros: [3]), runningVariance: Tensor(ones: [3]), momentum: 0.9, epsilon: epsilon)
    }

    @Test("training mode normalises with the batch mean and biased variance, checked by hand on a 2x3 batch")
    func trainingForwardByHand() {
        let bn = layer()
        let y = withLearningPhase(.training) { bn(first) }
        // channel 0: (x - 2) / sqrt(1 + eps); channel 1: 2 (x - 4) / sqrt(4 + eps) + 1;
        // channel 2: 0.5 (x - 1) / sqrt(4 + eps) - 1.
        let (s1, s4) = (1 / (1.001).squareRoot(), 1 / (4.001).squareRoot())
        expectClose(y, [-s1, 2 * -2 * s4 + 1, 0.5 * 2 * s4 - 1,
                        s1, 2 * 2 * s4 + 1, 0.5 * -2 * s4 - 1], tolerance: 1e-12)
    }

    @Test("per-channel statistics of a convolution map are taken over N, H and W")
    func convolutionMap() {
        let x = randomTensor([2, 3, 2, 2], seed: 11, in: -2..<2)
        let bn = BatchNorm<Double>(
            scale: Tensor([1.5, -1, 0.5]), offset: Tensor([0.1, 0.2, 0.3]),
            runningMean: Tensor(zeros: [3]), runningVariance: Tensor(ones: [3]), epsilon: 1e-5)
        let y = withLearningPhase(.training) { bn(x) }
        let v = x.scalars
        var expected = [Double](repeating: 0, count: v.count)
        for c in 0..<3 {
            let indices = (0..<2).flatMap { n in (0..<4).map { (n * 3 + c) * 4 + $0 } }
            let mean = indices.map { v[$0] }.reduce(0, +) / 8
            let variance = indices.map { (v[$0] - mean) * (v[$0] - mean) }.reduce(0, +) / 8
            for i in indices {
                expected[i] = bn.scale.scalars[c] * (v[i] - mean) / (variance + 1e-5).squareRoot() + bn.offset.scalars[c]
            }
        }
        expectClose(y, expected, tolerance: 1e-12)
        // The running averages took the unbiased variance over 8 values per channel.
        let variances = (0..<3).map { c -> Double in
            let values = (0..<2).flatMap { n in (0..<4).map { v[(n * 3 + c) * 4 + $0] } }
            let mean = values.reduce(0, +) / 8
            return values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 7
        }
        expectClose(bn.runningVariance, variances.map { 0.9 + 0.1 * $0 }, tolerance: 1e-12)
    }

    @Test("running averages after two training steps match the closed form; inference mode uses them")
    func runningAveragesAndInference() {
        let bn = layer()
        #expect(bn.runningMean == Tensor(zeros: [3]))
        #expect(bn.runningVariance == Tensor(ones: [3]))
        _ = withLearningPhase(.training) { bn(first) }
        _ = withLearningPhase(.training) { bn(second) }
        // m2 = 0.9^2 m0 + 0.9 * 0.1 a1 + 0.1 a2; v2 = 0.9^2 v0 + 0.9 * 0.1 u1 + 0.1 u2 (unbiased u).
        let mean = zip([2.0, 4, 1], [1.0, -1, 2]).map { 0.09 * $0 + 0.1 * $1 }
        let variance = zip([2.0, 8, 8], [2.0, 2, 8]).map { 0.81 + 0.09 * $0 + 0.1 * $1 }
        expectClose(bn.runningMean, mean, tolerance: 1e-12)
        expectClose(bn.runningVariance, variance, tolerance: 1e-12)

        // Inference (the default phase) uses them and leaves them alone.
        let x = Tensor<Double>([[0.5, -1, 2], [1, 1, 1], [-3, 0, 4]])
        let y = bn(x)
        let (scale, offset) = ([1.0, 2, 0.5], [0.0, 1, -1])
        let xs = x.scalars
        let expected = xs.indices.map { i -> Double in
            let c = i % 3
            return scale[c] * (xs[i] - mean[c]) / (variance[c] + 1e-3).squareRoot() + offset[c]
        }
        expectClose(y, expected, tolerance: 1e-12)
        expectClose(bn.runningMean, mean, tolerance: 1e-12)
        // Each sample's inference output depends on that sample alone.
        expectClose(bn(x.slicing(axis: 0, range: 1..<2)), Array(expected[3..<6]), tolerance: 1e-12)
    }

    @Test("defaults: momentum 0.9, epsilon 1e-5, scale 1, offset 0, running mean 0, variance 1")
    func defaults() {
        let bn = BatchNorm<Float>(channels: 4)
        #expect(bn.momentum == 0.9 && bn.epsilon == 1e-5)
        #expect(bn.parameters == [Tensor(ones: [4]), Tensor(zeros: [4])])
        #expect(bn.states == [Tensor(zeros: [4]), Tensor(ones: [4])])
        #expect(bn.parameterCount == 8)
    }

    @Test("training-mode gradients (input, scale, offset) match central finite differences", arguments: [[5, 3], [3, 2, 2, 3]])
    func trainingGradients(shape: [Int]) {
        let channels = shape[1]
        let x = randomTensor(shape, seed: 21, in: -2..<2)
        let scale = randomTensor([channels], seed: 22, in: 0.5..<1.5)
        let offset = randomTensor([channels], seed: 23)
        withLearningPhase(.training) {
            expectGradientMatchesFiniteDifferences(
                of: { v in
                    let bn = BatchNorm(scale: v[1], offset: v[2], runningMean: Tensor(zeros: [channels]),
                                       runningVariance: Tensor(ones: [channels]), epsilon: 1e-3)
                    return weightedSum(tanh(bn(v[0])))
                },
                at: [x, scale, offset], tolerance: 1e-6)
        }
    }

    @Test("inference-mode gradients match central finite differences")
    func inferenceGradients() {
        let x = randomTensor([4, 3, 2, 2], seed: 31, in: -2..<2)
        let mean = randomTensor([3], seed: 32), variance = randomTensor([3], seed: 33, in: 0.5..<2)
        expectGradientMatchesFiniteDifferences(
            of: { v in
                weightedSum(tanh(BatchNorm(scale: v[1], offset: v[2], runningMean: mean, runningVariance: variance)(v[0])))
            },
            at: [x, randomTensor([3], seed: 34), randomTensor([3], seed: 35)])
    }

    @Test("a Hessian-vector product through training-mode batch statistics matches differences of the gradient")
    func hessianVectorProduct() {
        let x = randomTensor([4, 3], seed: 41, in: -2..<2)
        let scale = randomTensor([3], seed: 42, in: 0.5..<1.5)
        withLearningPhase(.training) {
            expectHessianVectorProductMatchesFiniteDifferences(
                of: { v in
                    let bn = BatchNorm(scale: v[1], offset: Tensor(zeros: [3]), runningMean: Tensor(zeros: [3]),
                                       runningVariance: Tensor(ones: [3]), epsilon: 1e-3)
                    return weightedSum(bn(v[0]))
                },
                at: [x, scale], direction: [randomTensor([4, 3], seed: 43), randomTensor([3], seed: 44)])
        }
    }

    @Test("inputGradient maps batched seeds in inference mode as autodiff does, and declines in training mode")
    func inputGradient() {
        let bn = BatchNorm<Double>(
            scale: Tensor([1.5, -1, 0.5]), offset: Tensor([0.1, 0.2, 0.3]),
            runningMean: Tensor([0.5, -0.5, 0]), runningVariance: Tensor([2, 0.5, 1]))
        let x = randomTensor([2, 3, 2, 2], seed: 51)
        let seeds = randomTensor([2, 3, 2, 2], seed: 52)
        let leaf = x.requiringGradient()
        let expected = gradients(of: GradientRecording.enabled { (bn(leaf) * seeds).sum() }, withRespectTo: [leaf])[0]
        let mapped = bn.inputGradient(of: seeds, input: x, output: bn(x))
        #expect(mapped != nil)
        if let mapped { expectClose(mapped, expected, tolerance: 1e-12) }
        #expect(withLearningPhase(.training) { bn.inputGradient(of: seeds, input: x, output: x) } == nil)
    }

    @Test("D12: in training mode the batch-sum gradient has cross-sample terms; in inference mode it is per sample")
    func crossSampleTerms() {
        let bn = BatchNorm<Double>(
            scale: Tensor([1.5, -1, 0.5]), offset: Tensor(zeros: [3]),
            runningMean: Tensor(zeros: [3]), runningVariance: Tensor(ones: [3]))
        let x = randomTensor([4, 3], seed: 61)
        let w = randomTensor([4, 3], seed: 62)
        /// Row 0 of the gradient of the batch sum, and the gradient of sample 0's score alone.
        func rowAndOwn() -> (Tensor<Double>, Tensor<Double>) {
            let leaf = x.requiringGradient()
            let batchSum = gradients(of: GradientRecording.enabled { (bn(leaf) * w).sum() }, withRespectTo: [leaf])[0]
            let own = gradients(of: GradientRecording.enabled { (bn(leaf) * w).slicing(axis: 0, range: 0..<1).sum() },
                                withRespectTo: [leaf])[0]
            return (batchSum.slicing(axis: 0, range: 0..<1), own.slicing(axis: 0, range: 0..<1))
        }
        let (inferenceRow, inferenceOwn) = rowAndOwn()
        expectClose(inferenceRow, inferenceOwn, tolerance: 1e-12)
        let (trainingRow, trainingOwn) = withLearningPhase(.training) { rowAndOwn() }
        let difference = (trainingRow - trainingOwn).scalars.map { Swift.abs($0) }.max()!
        #expect(difference > 1e-3)
    }

    @Test("the running averages are saved and loaded with the parameters")
    func saveAndLoad() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("swift-margin-\(UUID().uuidString)-batchnorm.params").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var g = SeededGenerator(seed: 71)
        let trained = Sequential<Float>([
            Dense<Float>(inputSize: 2, outputSize: 3, activation: .relu, using: &g), BatchNorm<Float>(channels: 3),
            Dense<Float>(inputSize: 3, outputSize: 2, using: &g),
        ])
        let x = Tensor<Float>(randomNormal: [16, 2], using: &g)
        for _ in 0..<3 { _ = withLearningPhase(.training) { trained(x) } }
        #expect(trained.states.count == 2)
        #expect(trained.states[0] != Tensor(zeros: [3]))
        try trained.saveParameters(to: path)

        var g2 = SeededGenerator(seed: 72)
        var fresh = Sequential<Float>([
            Dense<Float>(inputSize: 2, outputSize: 3, activation: .relu, using: &g2), BatchNorm<Float>(channels: 3),
            Dense<Float>(inputSize: 3, outputSize: 2, using: &g2),
        ])
        #expect(fresh.states != trained.states)
        try fresh.loadParameters(from: path)
        #expect(fresh.parameters == trained.parameters)
        #expect(fresh.states == trained.states)
        #expect(fresh(x) == trained(x))

        // A file without the running averages is refused, and the model is left as it was.
        let plain = Sequential<Float>([Dense<Float>(inputSize: 2, outputSize: 3, using: &g2)])
        try plain.saveParameters(to: path)
        let before = (fresh.parameters, fresh.states)
        #expect(throws: ParameterFileError.parameterCount(path: path, model: 8, file: 2)) { try fresh.loadParameters(from: path) }
        #expect(fresh.parameters == before.0 && fresh.states == before.1)
        // Loading gave the model its own running averages: training the original leaves them alone.
        _ = withLearningPhase(.training) { trained(x) }
        #expect(fresh.states == before.1)
        #expect(trained.states != before.1)
    }

    @Test("optimizer steps, weight decay and clipping leave the running averages alone")
    func optimizersSkipRunningAverages() {
        var g = SeededGenerator(seed: 81)
        var model = Sequential<Double>([
            Dense<Double>(inputSize: 2, outputSize: 3, activation: .relu, using: &g), BatchNorm<Double>(channels: 3),
            Dense<Double>(inputSize: 3, outputSize: 2, using: &g),
        ])
        #expect(model.parameters.count == 6)
        #expect(model.parameterCount == 6 + 3 + 3 + 3 + 6 + 2)
        let x = Tensor<Double>(randomNormal: [8, 2], using: &g)
        let labels = [0, 1, 1, 0, 1, 0, 0, 1]
        var (_, gradient) = withLearningPhase(.training) {
            valueWithGradient(at: model) { softmaxCrossEntropy(logits: $0(x), labels: labels) }
        }
        // The training-mode call inside valueWithGradient updated the model's running averages.
        #expect(model.states[0] != Tensor(zeros: [3]))
        clipByGlobalNorm(&gradient, maxNorm: 1e-3)
        let states = model.states
        let scaleBefore = model.parameters[2]
        var sgd = SGD<Double>(learningRate: 0.1, momentum: 0.9, weightDecay: 0.5)
        sgd.update(&model, along: gradient)
        var adam = Adam<Double>(learningRate: 0.1)
        adam.update(&model, along: gradient)
        #expect(model.states == states)
        #expect(model.parameters[2] != scaleBefore)

        // A whole training run moves them only through training-mode calls.
        var optimizer = RMSProp<Double>(learningRate: 0.01)
        train(&model, optimizer: &optimizer, inputs: x, labels: labels, options: TrainingOptions(steps: 2, batchSize: 8))
        let m1 = states[0].scalars
        let batchMean = model.states[0].scalars
        #expect(m1 != batchMean)
    }
}
