import Models
import Tensors

/// A named model of an experiment: its network, and how it is trained at each point of its
/// hyper-parameter grid. Every seed's run trains each point, picks the one with the best
/// validation accuracy, and measures that one.
///
///     let crossEntropy = ModelSpec("cross-entropy", network: mlp, grid: HyperparameterGrid(["weightDecay": [0, 1e-4, 1e-3]])) { point in
///         ModelConfiguration(objective: .crossEntropy, steps: 10_000, weightDecay: point["weightDecay"], earlyStoppingEvery: 500)
///     }
public struct ModelSpec {
    /// The model's name in tables, claims and the results file.
    public var name: String
    /// Builds the network from a generator; every model of a seed gets the same generator
    /// (seeded with seed + 1), so same-shaped networks start from the same weights.
    public var network: (inout SeededGenerator) -> Sequential<Float>
    public var grid: HyperparameterGrid
    /// The configuration at a point of the grid.
    public var configuration: (HyperparameterGrid.Point) -> ModelConfiguration

    /// A model named `name`; see the properties.
    public init(
        _ name: String, network: @escaping (inout SeededGenerator) -> Sequential<Float>,
        grid: HyperparameterGrid = HyperparameterGrid(),
        configuration: @escaping (HyperparameterGrid.Point) -> ModelConfiguration
    ) {
        guard !name.isEmpty else { fatalError("a model needs a name") }
        self.name = name
        self.network = network
        self.grid = grid
        self.configuration = configuration
    }

    /// The network as every run of `seed` starts it.
    func initialNetwork(seed: UInt64) -> Sequential<Float> {
        var generator = SeededGenerator(seed: seed &+ 1)
        return network(&generator)
    }
}
