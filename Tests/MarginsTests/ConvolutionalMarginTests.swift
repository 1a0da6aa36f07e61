import MarginTestSupport
import Margins
import Models
import Tensors
import Testing

@Suite("Large-margin loss on convolutional networks")
struct ConvolutionalMarginTests {
    /// A small smooth CNN: [batch, 1, 6, 6] -> conv (0) -> pool (1) -> conv (2) -> flatten (3)
    /// -> dense logits (4), 3 classes.
    static func fixture() -> (Sequential<Double>, Tensor<Double>, [Int]) {
        var g = SeededGenerator(seed: 40)
        let model = Sequential<Double>([
            Conv2D<Double>(inputChannels: 1, outputChannels: 2, kernelSize: 3, padding: .same, activation: .tanh, using: &g),
            MaxPool2D<Double>(),
            Conv2D<Double>(inputChannels: 2, outputChannels: 3, kernelSize: 2, activation: .tanh, using: &g),
            Flatten<Double>(),
            Dense<Double>(inputSize: 12, outputSize: 3, using: &g),
        ])
        let x = Tensor<Double>(randomNormal: [4, 1, 6, 6], using: &g)
        return (model, x, [0, 1, 2, 1])
    }

    /// Margins at the input, both hidden convolution activations and the logits.
    static let layers = [-1, 0, 2, 4]

    static let configurations: [MarginConfiguration] = [
        MarginConfiguration(gammas: [1, 0.5, 0.5, 2], norm: .l2, aggregation: .sum, gradient: .exact),
        MarginConfiguration(gamma: 1, norm: .lInfinity, aggregation: .max, gradient: .exact),
        MarginConfiguration(gamma: 10, norm: .lInfinity, aggregation: .topK(1), gradient: .exact, form: .reference(alpha: 4)),
    ]

    @Test("the exact gradient matches finite differences of the loss", arguments: configurations)
    func exactGradient(configuration: MarginConfiguration) {
        let (model, x, y) = Self.fixture()
        expectGradientMatchesFiniteDifferences(
            of: { parameters in
                var m = model
                m.parameters = parameters
                return largeMarginLoss(model: m, inputs: x, labels: y, layers: Self.layers, configuration: configuration)
            }, at: model.parameters, tolerance: 1e-5)
    }

    @Test("the first-order mode has the exact mode's value; its gradient differs, except where the denominators are constant", arguments: configurations)
    func firstOrder(configuration: MarginConfiguration) {
        let (model, x, y) = Self.fixture()
        var first = configuration
        first.gradient = .firstOrder
        let exact = largeMarginLoss(model: model, inputs: x, labels: y, layers: Self.layers, configuration: configuration)
        let approximate = largeMarginLoss(model: model, inputs: x, labels: y, layers: Self.layers, configuration: first)
        expectClose(approximate.scalar, exact.scalar, tolerance: 1e-12)
        #expect(exact.scalar != 0)
        // Paper form: at the logits the gradient of f_i - f_y is e_i - e_y whatever the
        // weights, so the denominators are constants and the two modes' gradients agree.
        // (Not so at the hidden layers, where the first-order gradient differs from the exact one.)
        if configuration.form == .paper {
            var logitsOnly = configuration
            logitsOnly.gamma = [configuration.gamma[0]]
            var logitsOnlyFirst = logitsOnly
            logitsOnlyFirst.gradient = .firstOrder
            let (_, exactGradient) = valueWithGradient(at: model) {
                largeMarginLoss(model: $0, inputs: x, labels: y, layers: [4], configuration: logitsOnly)
            }
            let (_, firstGradient) = valueWithGradient(at: model) {
                largeMarginLoss(model: $0, inputs: x, labels: y, layers: [4], configuration: logitsOnlyFirst)
            }
            for (a, b) in zip(firstGradient.parameters, exactGradient.parameters) { expectClose(a, b, tolerance: 1e-10) }
        }
        let (_, hiddenExact) = valueWithGradient(at: model) {
            largeMarginLoss(model: $0, inputs: x, labels: y, layers: Self.layers, configuration: configuration)
        }
        let (_, hiddenFirst) = valueWithGradient(at: model) {
            largeMarginLoss(model: $0, inputs: x, labels: y, layers: Self.layers, configuration: first)
        }
        let difference = zip(hiddenFirst.parameters, hiddenExact.parameters).map { (($0 - $1) * ($0 - $1)).sum().scalar }.reduce(0, +)
        #expect(difference > 1e-12)
    }

    @Test("a few RMSProp steps on a tiny random batch reduce the loss of the MNIST-shaped network",
          arguments: [MarginConfiguration.GradientMode.firstOrder, .exact])
    func training(mode: MarginConfiguration.GradientMode) {
        var g = SeededGenerator(seed: 41)
        var model = Sequential<Float>.mnistConvolutionalNetwork(using: &g)
        let x = Tensor<Float>(randomUniform: [4, 1, 28, 28], using: &g)
        let y = [3, 7, 1, 0]
        // Margins at the input, the two pooled convolution activations, the dense layer and the logits.
        let configuration = MarginConfiguration(gamma: 1, norm: .l2, aggregation: .max, gradient: mode)
        let loss = { (m: Sequential<Float>) in
            largeMarginLoss(model: m, inputs: x, labels: y, layers: [-1, 1, 3, 5, 6], configuration: configuration)
        }
        var optimizer = RMSProp<Float>(learningRate: 1e-4)
        let initial = loss(model).scalar
        for _ in 0..<4 {
            let (_, gradient) = valueWithGradient(at: model, of: loss)
            optimizer.update(&model, along: gradient)
        }
        let final = loss(model).scalar
        #expect(final.isFinite)
        #expect(final < initial, "loss \(initial) -> \(final)")
    }
}
