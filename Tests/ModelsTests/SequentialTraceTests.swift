import MarginTestSupport
import Models
import Tensors
import Testing

@Suite("SequentialTrace: batched input gradients")
struct SequentialTraceTests {
    @Test("R seeds per sample give the gradients autodiff gives seed by seed, at every requested layer",
          arguments: [Activation<Double>.relu, .tanh, .sigmoid])
    func matchesAutodiff(activation: Activation<Double>) throws {
        var g = SeededGenerator(seed: 5)
        let model = Sequential<Double>.multilayerPerceptron(sizes: [3, 5, 4, 3], activation: activation, using: &g)
        let x = Tensor<Double>(randomNormal: [4, 3], using: &g).requiringGradient()
        let trace = model.trace(x)
        let replicas = 3
        let seeds = Tensor<Double>(randomNormal: [replicas * 4, 3], using: &g)
        let indices = [-1, 0, 1, 2]
        let batched = try #require(trace.inputGradients(of: seeds, at: indices))
        let activations = indices.map(trace.activation)
        for r in 0..<replicas {
            let seed = seeds[(r * 4)..<(r * 4 + 4)]
            let expected = gradients(of: trace.output, withRespectTo: activations, seed: seed)
            for (layer, (got, want)) in zip(indices, zip(batched, expected)) {
                let block = got[(r * 4)..<(r * 4 + 4)]
                #expect((block - want).norm(.lInfinity).scalar <= 1e-12, "replica \(r), layer \(layer)")
            }
        }
        #expect(trace.output.scalars == model(x).scalars)
    }

    /// With the convolution's output not requested, a ReLU convolution and the max pooling after
    /// it are gone back through at once (the ReLU's derivative taken at the pooled resolution);
    /// the first convolution's filter rows (3 columns x 6 channels) are long enough for the
    /// winner scatter.
    @Test("through convolution, max pooling and flatten, R seeds per sample match autodiff seed by seed",
          arguments: [Activation<Double>.relu, .tanh], [[-1, 0, 1, 2, 3], [-1, 1, 3]])
    func convolutionalMatchesAutodiff(activation: Activation<Double>, indices: [Int]) throws {
        var g = SeededGenerator(seed: 10)
        let model = Sequential<Double>([
            Conv2D(inputChannels: 6, outputChannels: 3, kernelSize: 3, padding: .same, activation: activation, using: &g),
            MaxPool2D(window: 2),
            Conv2D(inputChannels: 3, outputChannels: 2, kernelSize: 2, stride: 1, activation: activation, using: &g),
            Flatten(),
            Dense(inputSize: 2 * 2 * 2, outputSize: 3, using: &g),
        ])
        let x = Tensor<Double>(randomNormal: [2, 6, 6, 6], using: &g).requiringGradient()
        let trace = model.trace(x)
        #expect(trace.output.shape == [2, 3])
        let replicas = 3
        let seeds = Tensor<Double>(randomNormal: [replicas * 2, 3], using: &g)
        let batched = try #require(trace.inputGradients(of: seeds, at: indices))
        // No layer's ReLUs all dead: the gradient reaches the input.
        #expect(batched[0].norm(.lInfinity).scalar > 0.1)
        let activations = indices.map(trace.activation)
        for r in 0..<replicas {
            let expected = gradients(of: trace.output, withRespectTo: activations, seed: seeds[(r * 2)..<(r * 2 + 2)])
            for (layer, (got, want)) in zip(indices, zip(batched, expected)) {
                #expect(got.shape == [replicas * 2] + Array(want.shape.dropFirst()))
                #expect((got[(r * 2)..<(r * 2 + 2)] - want).norm(.lInfinity).scalar <= 1e-12, "replica \(r), layer \(layer)")
            }
        }
    }

    @Test("a layer without batched input gradients (dropout) makes the trace decline")
    func declinesForUnsupportedLayers() {
        var g = SeededGenerator(seed: 1)
        let model = Sequential<Double>([Dense(inputSize: 2, outputSize: 3, activation: .relu, using: &g),
                                        Dropout(probability: 0.5), Dense(inputSize: 3, outputSize: 2, using: &g)])
        let trace = model.trace(Tensor<Double>(ones: [2, 2]))
        #expect(trace.inputGradients(of: Tensor(ones: [2, 2]), at: [-1]) == nil)
        #expect(trace.inputGradients(of: Tensor(ones: [2, 2]), at: [1]) != nil)
    }
}
