import Attacks
import Models
import Tensors

/// The model black-box (transfer) attacks are crafted on (Papernot et al. 2017), one per
/// seed: a network of its own, trained on the seed's training set with `configuration`
/// (its early stopping on the seed's validation set), from initial weights and minibatches
/// of its own. For seed s its network is built from a generator seeded with
/// s + `seedOffset` + 1 and its batches are drawn with s + `seedOffset`, as a `ModelSpec`'s
/// runs of seed s + `seedOffset` would be: the models of the experiment, which start from
/// s + 1 and draw with s, never share its weights or batches.
///
/// A source is trained once per seed in a process and kept, as are the test sets crafted on
/// it; an experiment's runs are processes forked from the caller, so what the caller
/// prepares before `run` (`RobustnessMeasurement.prepare(for:seeds:)`, which trains the
/// sources of all seeds side by side on the cores) every run inherits.
///
/// Any objective can train a source: several sources of different kinds (cross-entropy and a
/// large margin, say) make a transfer matrix, each under its `name`.
///
///     let source = BlackBoxSource("cross-entropy", network: mlp, seedOffset: 1_000, configuration: ModelConfiguration(
///         objective: .crossEntropy, optimizer: .rmsProp(learningRate: 0.01), steps: 3_000, earlyStoppingEvery: 150))
///     let attacker = source.model(for: try data.data(seed: 0))
public final class BlackBoxSource {
    /// The source's name in tables ("cross-entropy", "large margin l-inf").
    public let name: String
    /// Builds the source's network from a generator.
    public let network: (inout SeededGenerator) -> Sequential<Float>
    /// How the source is trained.
    public let configuration: ModelConfiguration
    /// The source of seed s starts from s + seedOffset + 1 and draws batches with s + seedOffset.
    public let seedOffset: UInt64
    private var trained: [UInt64: Sequential<Float>] = [:]
    private var crafted: [(seed: UInt64, attack: Attack, range: ClosedRange<Double>?, inputs: Tensor<Float>)] = []

    /// A source; see the properties.
    public init(
        _ name: String = "black-box source", network: @escaping (inout SeededGenerator) -> Sequential<Float>,
        seedOffset: UInt64 = 1_000, configuration: ModelConfiguration
    ) {
        guard !name.isEmpty else { fatalError("a black-box source needs a name") }
        self.name = name
        self.network = network
        self.seedOffset = seedOffset
        self.configuration = configuration
    }

    /// The source of the seed `split` was made for, trained on its first use in this process.
    public func model(for split: SplitData) -> Sequential<Float> {
        if let known = trained[split.seed] { return known }
        let model = trainedModel(for: split)
        trained[split.seed] = model
        return model
    }

    /// Whether the source of `seed` is trained in this process.
    func isTrained(seed: UInt64) -> Bool { trained[seed] != nil }

    /// The source of the seed `split` was made for, trained now and not kept.
    func trainedModel(for split: SplitData) -> Sequential<Float> {
        let seed = split.seed &+ seedOffset
        var model = initialNetwork(seed: split.seed)
        _ = configuration.train(&model, data: split, seed: seed)
        return model
    }

    /// Keeps the source of `seed` as trained elsewhere (in a child process), from its
    /// parameters and state (batch norm's running averages).
    func keep(_ trainedValues: TrainedValues, seed: UInt64) {
        trained[seed] = trainedValues.loaded(into: initialNetwork(seed: seed))
    }

    /// The network as the source of data seed `seed` starts.
    private func initialNetwork(seed: UInt64) -> Sequential<Float> {
        var generator = SeededGenerator(seed: seed &+ seedOffset &+ 1)
        return network(&generator)
    }

    /// The source's accuracy on the seed's test set.
    public func testAccuracy(for split: SplitData) -> Double {
        shareCorrect(correctlyClassified(by: model(for: split), inputs: split.test.inputs, labels: split.test.labels))
    }

    /// The seed's test set crafted on its source by `attack` (the same for every model it is
    /// scored on), crafted on its first use in this process.
    public func examples(for split: SplitData, under attack: Attack, clippedTo range: ClosedRange<Double>? = nil) -> Tensor<Float> {
        if let known = crafted.first(where: { $0.seed == split.seed && $0.attack == attack && $0.range == range }) {
            return known.inputs
        }
        let inputs = attack.perturb(split.test.inputs, labels: split.test.labels, against: model(for: split), clippedTo: range)
        crafted.append((split.seed, attack, range, inputs))
        return inputs
    }
}
