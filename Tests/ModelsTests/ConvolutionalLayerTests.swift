import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("Convolutional layers and the MNIST-shaped network")
struct ConvolutionalLayerTests {
    /// A small smooth CNN (tanh, so finite differences are clean): [batch, 1, 6, 6] -> 3 classes.
    static func smallNetwork(seed: UInt64 = 30) -> Sequential<Double> {
        var g = SeededGenerator(seed: seed)
        return Sequential([
            Conv2D<Double>(inputChannels: 1, outputChannels: 2, kernelSize: 3, padding: .same, activation: .tanh, using: &g),
            MaxPool2D<Double>(),
            Conv2D<Double>(inputChannels: 2, outputChannels: 3, kernelSize: 2, activation: .tanh, using: &g),
            Flatten<Double>(),
            Dense<Double>(inputSize: 3 * 2 * 2, outputSize: 3, using: &g),
        ])
    }

    @Test("Conv2D computes activation(conv2D(x, filter) + bias), checked by hand")
    func convolutionByHand() {
        let layer = Conv2D<Double>(
            filter: Tensor(shape: [1, 1, 2, 2], scalars: [1, 0, 0, -1]), bias: Tensor([0.5]), activation: .relu)
        // Windows of [[1, 2, 3], [4, 6, 8], [0, 1, 5]]: 1 - 6, 2 - 8, 4 - 1, 6 - 5; + 0.5; relu.
        let x = Tensor<Double>(shape: [1, 1, 3, 3], scalars: [1, 2, 3, 4, 6, 8, 0, 1, 5])
        #expect(layer(x) == Tensor(shape: [1, 1, 2, 2], scalars: [0, 0, 3.5, 1.5]))
        var copy = layer
        #expect(copy.parameters.map(\.shape) == [[1, 1, 2, 2], [1]])
        copy.parameters = [Tensor(zeros: [1, 1, 2, 2]), Tensor([2])]
        #expect(copy(x) == Tensor(repeating: 2, shape: [1, 1, 2, 2]))
    }

    @Test("Conv2D's initialisation is seeded: He normal for ReLU, Glorot uniform otherwise, zero bias")
    func initialisation() {
        var g = SeededGenerator(seed: 31)
        let he = Conv2D<Double>(inputChannels: 32, outputChannels: 64, kernelSize: 5, activation: .relu, using: &g)
        var again = SeededGenerator(seed: 31)
        #expect(Conv2D<Double>(inputChannels: 32, outputChannels: 64, kernelSize: 5, activation: .relu, using: &again).filter == he.filter)
        let values = he.filter.scalars
        let mean = values.reduce(0, +) / Double(values.count)
        let standardDeviation = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count)).squareRoot()
        let expected = (2.0 / (32 * 25)).squareRoot()
        #expect(abs(standardDeviation - expected) < 0.02 * expected, "standard deviation \(standardDeviation), expected \(expected)")
        #expect(he.bias == Tensor(zeros: [64]))
        let glorot = Conv2D<Double>(inputChannels: 3, outputChannels: 4, kernelSize: 3, using: &g)
        let limit = (6.0 / Double(3 * 9 + 4 * 9)).squareRoot()
        #expect(glorot.filter.scalars.allSatisfy { abs($0) < limit })
        #expect(glorot.filter.scalars.contains { abs($0) > 0.9 * limit })
    }

    @Test("MaxPool2D halves each side; Flatten keeps the batch and row-major order")
    func poolingAndFlatten() {
        let x = Tensor<Double>(shape: [1, 2, 2, 2], scalars: [1, 4, 3, 2, -1, -5, -2, -3])
        let pooled = MaxPool2D<Double>()(x)
        #expect(pooled == Tensor(shape: [1, 2, 1, 1], scalars: [4, -1]))
        #expect(Flatten<Double>()(x) == Tensor(shape: [1, 8], scalars: x.scalars))
        #expect(Flatten<Double>()(Tensor(zeros: [0, 3, 2])).shape == [0, 6])
        #expect(MaxPool2D<Double>(window: 3, stride: 1)(Tensor(zeros: [2, 1, 5, 4])).shape == [2, 1, 3, 2])
    }

    @Test("the MNIST-shaped network: layer shapes, parameter count, activations handed back")
    func mnistNetwork() {
        var g = SeededGenerator(seed: 32)
        let model = Sequential<Float>.mnistConvolutionalNetwork(using: &g)
        #expect(model.parameters.map(\.shape) == [[32, 1, 5, 5], [32], [64, 32, 5, 5], [64], [3136, 512], [512], [512, 10], [10]])
        #expect(model.parameterCount == 832 + 51_264 + 1_606_144 + 5_130)
        let x = Tensor<Float>(randomUniform: [2, 1, 28, 28], using: &g)
        let (logits, kept) = model.applied(to: x, keepingActivationsOf: [-1, 0, 1, 2, 3, 4, 5])
        #expect(kept.map(\.shape) == [[2, 1, 28, 28], [2, 32, 28, 28], [2, 32, 14, 14], [2, 64, 14, 14], [2, 64, 7, 7], [2, 3136], [2, 512]])
        #expect(logits.shape == [2, 10])
        // Equal up to rounding: when another test's convolution splits across cores at the same
        // time, BLAS runs single-threaded meanwhile, and its products may round differently.
        expectClose(logits, model(x), tolerance: 1e-5)
        #expect(kept[1].scalars.allSatisfy { $0 >= 0 })   // ReLU
        #expect(kept[2] == maxPool2D(kept[1]))
    }

    @Test("the released code's variant: a BatchNorm after each pooling, the same weights, fresh statistics a scaling")
    func mnistNetworkWithBatchNormalization() {
        var g = SeededGenerator(seed: 34), h = SeededGenerator(seed: 34)
        let plain = Sequential<Float>.mnistConvolutionalNetwork(using: &g)
        let normalized = Sequential<Float>.mnistConvolutionalNetwork(batchNormalization: true, using: &h)
        #expect(normalized.layers.count == 9)
        #expect(normalized.layers[2] is BatchNorm<Float> && normalized.layers[5] is BatchNorm<Float>)
        #expect(normalized.parameters.map(\.shape) == [[32, 1, 5, 5], [32], [32], [32], [64, 32, 5, 5], [64], [64], [64],
                                                       [3136, 512], [512], [512, 10], [10]])
        // The convolutions and dense layers draw the same weights in both.
        #expect(normalized.parameters[0] == plain.parameters[0] && normalized.parameters[10] == plain.parameters[6])
        // In inference mode a fresh BatchNorm (running mean 0, variance 1, scale 1, offset 0)
        // divides by sqrt(1 + 1e-5). The biases start at zero, so every layer is positively
        // homogeneous and the two normalisations divide the logits by 1 + 1e-5.
        let x = Tensor<Float>(randomUniform: [2, 1, 28, 28], using: &g)
        expectClose(normalized(x), plain(x) * Float(1 / (1 + 1e-5)), tolerance: 1e-5)
        let (_, kept) = normalized.applied(to: x, keepingActivationsOf: [2, 5, 7])
        #expect(kept.map(\.shape) == [[2, 32, 14, 14], [2, 64, 7, 7], [2, 512]])
    }

    @Test("the gradient with respect to every parameter of a small CNN matches finite differences")
    func modelGradient() {
        let model = Self.smallNetwork()
        let x = randomTensor([2, 1, 6, 6], seed: 33)
        let labels = [2, 0]
        expectGradientMatchesFiniteDifferences(
            of: { parameters in
                var m = model
                m.parameters = parameters
                return softmaxCrossEntropy(logits: m(x), labels: labels)
            }, at: model.parameters)
    }

    @Test("second order: the parameters' gradient of the squared input-gradient norm matches finite differences")
    func secondOrder() {
        let model = Self.smallNetwork()
        let x = randomTensor([2, 1, 6, 6], seed: 34)
        let labels = [1, 2]
        expectGradientMatchesFiniteDifferences(
            of: { parameters in
                var m = model
                m.parameters = parameters
                let input = x.requiringGradient()
                let g = gradients(of: softmaxCrossEntropy(logits: m(input), labels: labels), withRespectTo: [input], graph: .recorded)[0]
                return (g * g).sum()
            }, at: model.parameters, tolerance: 1e-6)
    }

    @Test("an input with the wrong number of channels stops with the shapes")
    func wrongChannels() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = SeededGenerator(seed: 0)
            _ = Conv2D<Float>(inputChannels: 3, outputChannels: 8, kernelSize: 3, using: &g)(Tensor(zeros: [2, 1, 8, 8]))
        }
        #expect(standardError(of: result).contains(
            "shape mismatch: [2, 1, 8, 8] vs [8, 3, 3, 3] in Conv2D (input [batch, channels, height, width] vs filter [out, in, kh, kw])"))
    }
}
