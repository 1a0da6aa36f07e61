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
