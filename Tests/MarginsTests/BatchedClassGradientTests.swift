import MarginTestSupport
import Margins
import Models
import Tensors
import Testing

/// The model form of the loss gets every compared class's layer gradients from one batched
/// pass back through the model (`SequentialTrace`); the activations form uses one autodiff
/// backward pass per class. Both must give the same loss and the same parameter gradient.
@Suite("Large-margin loss: one batched pass for all classes equals one pass per class")
struct BatchedClassGradientTests {
    static func fixture(activation: Activation<Double>) -> (Sequential<Double>, Tensor<Double>, [Int]) {
        var g = SeededGenerator(seed: 11)
        let model = Sequential<Double>.multilayerPerceptron(sizes: [3, 6, 5, 4], activation: activation, using: &g)
        let x = Tensor<Double>(randomNormal: [7, 3], using: &g)
        return (model, x, [0, 1, 2, 3, 1, 2, 0])
    }

    static let configurations: [MarginConfiguration] = [
        MarginConfiguration(gamma: 2, norm: .l2, aggregation: .max, gradient: .exact),
        MarginConfiguration(gamma: 2, norm: .l1, aggregation: .sum, gradient: .firstOrder),
        MarginConfiguration(gammas: [1, 2, 3], norm: .lInfinity, aggregation: .topK(2), gradient: .exact),
        MarginConfiguration(gamma: 3, norm: .l2, aggregation: .max, gradient: .exact, form: .reference(alpha: 2)),
        MarginConfiguration(gamma: 3, norm: .lInfinity, aggregation: .topK(1), gradient: .firstOrder, form: .reference(alpha: 4)),
        MarginConfiguration(gamma: 3, norm: .l2, aggregation: .sum, gradient: .exact, form: .reference(alpha: 2)),
    ]

    @Test("same value and gradient, for ReLU, tanh and sigmoid networks", arguments: [Activation<Double>.relu, .tanh, .sigmoid])
    func batchedEqualsPerClass(activation: Activation<Double>) {
        let (model, x, y) = Self.fixture(activation: activation)
        let layers = [-1, 0, 1]
        for configuration in Self.configurations {
            let (batchedValue, batched) = valueWithGradient(at: model) { m in
                largeMarginLoss(model: m, inputs: x, labels: y, layers: layers, configuration: configuration)
            }
            let (perClassValue, perClass) = valueWithGradient(at: model) { m in
                let (logits, activations) = m.applied(to: x.requiringGradient(), keepingActivationsOf: layers)
                return largeMarginLoss(logits: logits, labels: y, activations: activations, configuration: configuration)
            }
            #expect(abs(batchedValue.scalar - perClassValue.scalar) <= 1e-12 * max(1, abs(perClassValue.scalar)),
                    "\(configuration): \(batchedValue.scalar) vs \(perClassValue.scalar)")
            #expect(batchedValue.scalar != 0, "\(configuration): the fixture must be inside the margin")
            for (a, b) in zip(batched.parameters, perClass.parameters) {
                let difference = (a - b).norm(.lInfinity).scalar
                #expect(difference <= 1e-9 * max(1, b.norm(.lInfinity).scalar), "\(configuration): gradients differ by \(difference)")
            }
        }
    }

    @Test("on a small convolutional network too (margins at the input, a pooled convolution and the flattened features)")
    func convolutional() {
        var g = SeededGenerator(seed: 13)
        let model = Sequential<Double>([
            Conv2D(inputChannels: 1, outputChannels: 3, kernelSize: 3, padding: .same, activation: .relu, using: &g),
            MaxPool2D(window: 2), Flatten(),
            Dense(inputSize: 3 * 3 * 3, outputSize: 4, using: &g),
        ])
        let x = Tensor<Double>(randomNormal: [5, 1, 6, 6], using: &g)
        let y = [0, 1, 2, 3, 2]
        let layers = [-1, 1, 2]
        for configuration in [Self.configurations[0], Self.configurations[1], Self.configurations[3]] {
            let (batchedValue, batched) = valueWithGradient(at: model) { m in
                largeMarginLoss(model: m, inputs: x, labels: y, layers: layers, configuration: configuration)
            }
            let (perClassValue, perClass) = valueWithGradient(at: model) { m in
                let (logits, activations) = m.applied(to: x.requiringGradient(), keepingActivationsOf: layers)
                return largeMarginLoss(logits: logits, labels: y, activations: activations, configuration: configuration)
            }
            #expect(abs(batchedValue.scalar - perClassValue.scalar) <= 1e-12 * max(1, abs(perClassValue.scalar)))
            for (a, b) in zip(batched.parameters, perClass.parameters) {
                #expect((a - b).norm(.lInfinity).scalar <= 1e-9 * max(1, b.norm(.lInfinity).scalar), "\(configuration)")
            }
        }
    }
}
