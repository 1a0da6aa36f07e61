import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("Layers and Sequential")
struct LayerTests {
    @Test("a dense layer computes activation(x W + b), checked by hand")
    func denseByHand() {
        let layer = Dense<Double>(
            weight: Tensor([[1, -1], [2, 0.5]]), bias: Tensor([0.5, -3]), activation: .relu)
        // x = [1, 2]: x W = [1 + 4, -1 + 1] = [5, 0]; + b = [5.5, -3]; relu = [5.5, 0]
        expectClose(layer(Tensor([[1, 2]])), [5.5, 0])
    }

    @Test("parameters are listed in a fixed order and can be replaced")
    func parameterOrder() {
        var g = SeededGenerator(seed: 3)
        var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 4, 3], using: &g)
        #expect(model.parameters.map(\.shape) == [[2, 4], [4], [4, 3], [3]])
        #expect(model.parameterCount == 8 + 4 + 12 + 3)
        model.parameters = model.parameters.map { Tensor(zeros: $0.shape) }
        #expect(model(Tensor(ones: [5, 2])) == Tensor(zeros: [5, 3]))
    }

    @Test("the activations handed back equal the layers applied one by one; -1 is the input")
    func activations() {
        var g = SeededGenerator(seed: 4)
        let model = Sequential<Double>.multilayerPerceptron(sizes: [2, 5, 5, 2], using: &g)
        let x = Tensor<Double>(randomNormal: [3, 2], using: &g)
        let (output, kept) = model.applied(to: x, keepingActivationsOf: [1, -1, 0])
        let h0 = model.layers[0](x)
        let h1 = model.layers[1](h0)
        #expect(kept[0] == h1)
        #expect(kept[1] == x)
        #expect(kept[2] == h0)
        #expect(output == model(x))
    }

    @Test("the gradient with respect to every parameter matches finite differences")
    func modelGradient() {
        var g = SeededGenerator(seed: 5)
        let model = Sequential<Double>.multilayerPerceptron(sizes: [3, 4, 4, 3], activation: .tanh, using: &g)
        let x = Tensor<Double>(randomNormal: [6, 3], using: &g)
        let labels = [0, 2, 1, 1, 0, 2]
        let (_, gradient) = valueWithGradient(at: model) { m in softmaxCrossEntropy(logits: m(x), labels: labels) }
        expectGradientMatchesFiniteDifferences(
            of: { parameters in
                var m = model
                m.parameters = parameters
                return softmaxCrossEntropy(logits: m(x), labels: labels)
            }, at: model.parameters)
        // And the model-shaped gradient holds the same numbers as the plain list.
        var tracked = model
        tracked.forEachParameter { $0 = $0.requiringGradient() }
        let plain = gradients(of: softmaxCrossEntropy(logits: tracked(x), labels: labels), withRespectTo: tracked.parameters)
        for (a, b) in zip(gradient.parameters, plain) { expectClose(a, b) }
    }

    @Test("dropout is the identity in inference and keeps 1 - p of the values, rescaled, in training")
    func dropout() {
        let layer = Dropout<Float>(probability: 0.25, seed: 7)
        let x = Tensor<Float>(ones: [100, 100])
        #expect(layer(x) == x)
        let y = withLearningPhase(.training) { layer(x) }
        let kept = y.scalars.filter { $0 != 0 }
        #expect(kept.allSatisfy { abs($0 - 1 / 0.75) < 1e-6 })
        #expect(abs(Double(kept.count) / 10_000 - 0.75) < 0.02)
        let again = withLearningPhase(.training) { Dropout<Float>(probability: 0.25, seed: 7)(x) }
        #expect(again == y)
        #expect(LearningPhase.current == .inference)
    }
}
