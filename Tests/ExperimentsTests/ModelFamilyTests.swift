import Datasets
import Experiments
import Margins
import Models
import Tensors
import Testing

/// The margin configuration and layers of a large-margin objective (nil for any other).
private func margin(_ objective: Objective) -> (configuration: MarginConfiguration, layers: [Int])? {
    if case let .largeMargin(configuration, layers) = objective { return (configuration, layers) }
    return nil
}

@Suite("Model families")
struct ModelFamilyTests {
    let family = ModelFamily(
        network: { Sequential<Float>.multilayerPerceptron(sizes: [2, 4, 2], using: &$0) }, optimizer: .rmsProp(learningRate: 0.001),
        steps: 300, batchSize: 50, earlyStoppingEvery: 15, patience: 5)

    @Test("tuned baselines search their weight decays with the family's training and early stopping")
    func baselines() {
        let crossEntropy = family.crossEntropy(weightDecays: [0, 1e-3])
        #expect(crossEntropy.name == "cross-entropy")
        #expect(crossEntropy.grid == HyperparameterGrid(["weightDecay": [0, 1e-3]]))
        let chosen = crossEntropy.configuration(crossEntropy.grid.points[1])
        #expect(chosen.weightDecay == 1e-3 && chosen.steps == 300 && chosen.batchSize == 50)
        #expect(chosen.optimizer == .rmsProp(learningRate: 0.001) && chosen.earlyStoppingEvery == 15 && chosen.patience == 5)
        guard case .crossEntropy = chosen.objective else { Issue.record("not cross-entropy"); return }
        let hinge = family.hinge(crossEntropyWeight: 0.1, weightDecays: [0, 1e-4])
        let hingeChosen = hinge.configuration(hinge.grid.points[1])
        #expect(hinge.name == "hinge" && hingeChosen.weightDecay == 1e-4)
        guard case let .hinge(marginValue, weight) = hingeChosen.objective else { Issue.record("not hinge"); return }
        #expect(marginValue == 1 && weight == 0.1)
    }

    @Test("the untuned baseline trains every step without weight decay")
    func untuned() {
        let untuned = family.untunedCrossEntropy()
        let configuration = untuned.configuration(untuned.grid.points[0])
        #expect(untuned.name == "cross-entropy, untuned" && untuned.grid.points.count == 1)
        #expect(configuration.weightDecay == 0 && configuration.earlyStoppingEvery == nil && configuration.patience == nil)
        #expect(configuration.steps == 300 && configuration.batchSize == 50 && configuration.optimizer == .rmsProp(learningRate: 0.001))
    }

    @Test("a large margin chooses gamma from its grid, in its norm, aggregation and gradient, at its layers")
    func largeMargin() throws {
        let spec = family.largeMargin("m", norm: .l1, gammas: [1, 3], layers: [-1, 0], aggregation: .max)
        #expect(spec.grid == HyperparameterGrid(["gamma": [1, 3]]))
        let chosen = try #require(margin(spec.configuration(spec.grid.points[1]).objective))
        #expect(chosen.configuration == MarginConfiguration(gamma: 3, norm: .l1, aggregation: .max, gradient: .exact))
        #expect(chosen.layers == [-1, 0])
    }

    @Test("defaults: cross-entropy named as asked with the weight decays 0, 1e-4 and 1e-3; a margin with cross-entropy added")
    func defaultsAndCrossEntropyWeight() throws {
        let named = family.crossEntropy("linear")
        #expect(named.name == "linear" && named.grid == HyperparameterGrid(["weightDecay": [0, 1e-4, 1e-3]]))
        let spec = family.largeMargin("m", norm: .lInfinity, gammas: [0.1], layers: [-1], aggregation: .max, gradient: .firstOrder,
                                      crossEntropyWeight: 0.5)
        let chosen = try #require(margin(spec.configuration(spec.grid.points[0]).objective))
        #expect(chosen.configuration == MarginConfiguration(gamma: 0.1, norm: .lInfinity, aggregation: .max, gradient: .firstOrder,
                                                            crossEntropyWeight: 0.5))
    }

    @Test("the image margins: each norm at the input and at all layers, one gamma or gamma and three times it")
    func inputAndAllLayerMargins() throws {
        let norms = [MarginNormScale("l1", .l1, gamma: 6), MarginNormScale("l-inf", .lInfinity, gamma: 0.1)]
        let specs = family.inputAndAllLayerMargins(norms, allLayers: [-1, 0, 1], gammaChoices: 1)
        #expect(specs.map(\.name) == ["large margin l1, input", "large margin l1, all layers", "large margin l-inf, input", "large margin l-inf, all layers"])
        #expect(specs.map(\.grid) == [6, 6, 0.1, 0.1].map { HyperparameterGrid(["gamma": [$0]]) })
        let allLayers = try #require(margin(specs[3].configuration(specs[3].grid.points[0]).objective))
        #expect(allLayers.layers == [-1, 0, 1])
        #expect(allLayers.configuration == MarginConfiguration(gamma: 0.1, norm: .lInfinity, aggregation: .sum, gradient: .firstOrder))
        #expect(try #require(margin(specs[2].configuration(specs[2].grid.points[0]).objective)).layers == [-1])
        let two = family.inputAndAllLayerMargins(norms, allLayers: [-1, 0, 1], gammaChoices: 2)
        #expect(two[0].grid == HyperparameterGrid(["gamma": [6, 18]]))
        #expect(ModelFamily.marginName("l2", allLayers: false) == "large margin l2, input")
    }

    @Test("the image network by name: its layout, layers and parameter count")
    func imageNetworkChoice() throws {
        let mlp = try ImageNetworkChoice.named("mlp", hiddenUnits: 16)
        #expect(mlp.layout == .flattened && mlp.allLayers == [-1, 0, 1])
        #expect(mlp.description == "784-16-16-10 perceptron")
        var generator = SeededGenerator(seed: 0)
        let network = mlp.network(classCount: 10)(&generator)
        // 784 * 16 + 16, 16 * 16 + 16, 16 * 10 + 10.
        let parameterCount: Int = network.parameters.map { $0.scalars.count }.reduce(0, +)
        #expect(parameterCount == 13_002)
        let cnn = try ImageNetworkChoice.named("cnn", hiddenUnits: 16)
        #expect(cnn.layout == .channelsFirst && cnn.allLayers == [-1, 2, 5, 7])
        #expect(throws: DatasetError.self) { try ImageNetworkChoice.named("resnet", hiddenUnits: 16) }
    }
}
