import Experiments
import Margins
import Models
import Tensors
import Testing

@Suite("Model specs of the toy notebooks")
struct ModelSpecBuilderTests {
    static let network: (inout SeededGenerator) -> Sequential<Float> = {
        Sequential<Float>.multilayerPerceptron(sizes: [2, 4, 2], using: &$0)
    }

    @Test("cross-entropy choosing the weight decay: the grid, RMSProp, early stopping twenty times per run")
    func crossEntropy() {
        let spec = ModelSpec.crossEntropyChoosingWeightDecay("ce", network: Self.network, steps: 200)
        #expect(spec.name == "ce")
        #expect(spec.grid == HyperparameterGrid(["weightDecay": [0, 1e-4, 1e-3]]))
        let configurations = spec.grid.points.map(spec.configuration)
        #expect(configurations.map(\.weightDecay) == [0, 1e-4, 1e-3])
        for configuration in configurations {
            #expect(configuration.objective.name == "cross-entropy")
            #expect(configuration.optimizer == .rmsProp(learningRate: 0.01))
            #expect(configuration.steps == 200 && configuration.earlyStoppingEvery == 10)
        }
        let short = ModelSpec.crossEntropyChoosingWeightDecay("ce", network: Self.network, steps: 5, weightDecays: [0.5], learningRate: 0.1)
        let only = short.configuration(short.grid.points[0])
        #expect(only.earlyStoppingEvery == 1 && only.weightDecay == 0.5 && only.optimizer == .rmsProp(learningRate: 0.1))
    }

    @Test("large margin choosing gamma: eq. 10 with the largest violation, cross-entropy added, gamma from the grid")
    func largeMargin() {
        let spec = ModelSpec.largeMarginChoosingGamma(
            "lm", network: Self.network, norm: .lInfinity, layers: [-1, 0], gradient: .firstOrder, gammas: [0.1, 1],
            crossEntropyWeight: 0.5, steps: 100)
        #expect(spec.grid == HyperparameterGrid(["gamma": [0.1, 1]]))
        for (point, gamma) in zip(spec.grid.points, [0.1, 1]) {
            let configuration = spec.configuration(point)
            guard case .largeMargin(let margin, let layers) = configuration.objective else {
                Issue.record("expected a large-margin objective, got \(configuration.objective.name)")
                continue
            }
            #expect(layers == [-1, 0])
            #expect(margin == MarginConfiguration(gamma: gamma, norm: .lInfinity, aggregation: .max, gradient: .firstOrder,
                                                  crossEntropyWeight: 0.5))
            #expect(configuration.optimizer == .rmsProp(learningRate: 0.01))
            #expect(configuration.steps == 100 && configuration.earlyStoppingEvery == 5 && configuration.weightDecay == 0)
        }
    }
}
