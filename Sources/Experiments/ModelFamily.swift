import Margins
import Models
import Tensors

/// The models of one loss comparison: one network and one way of training (optimiser, steps,
/// batch size, early stopping), and the paper's losses on top: tuned cross-entropy and hinge
/// (weight decay chosen on validation), untuned cross-entropy, and large margins.
///
///     let family = ModelFamily(network: mlp, steps: 1_200, earlyStoppingEvery: 60, patience: 5)
///     let models = [family.crossEntropy(weightDecays: [0, 1e-4, 1e-3]),
///                   family.hinge(crossEntropyWeight: 0.1, weightDecays: [0, 1e-4, 1e-3]),
///                   family.untunedCrossEntropy(),
///                   family.largeMargin("large margin l2", norm: .l2, gammas: [1, 3], layers: [-1, 0, 1])]
public struct ModelFamily {
    /// Builds every model's network (same-shaped models start from the same weights at a seed).
    public var network: (inout SeededGenerator) -> Sequential<Float>
    public var optimizer: OptimizerSettings
    /// Training steps (at most, with early stopping).
    public var steps: Int
    public var batchSize: Int
    /// Early stopping's measurement interval and patience (see `ModelConfiguration`); the
    /// untuned model ignores both.
    public var earlyStoppingEvery: Int?
    public var patience: Int?
    /// The steps of one pass over the training set, for a family counted in epochs.
    public var stepsPerEpoch: Int?
    /// Training examples whose accuracy is measured with the validation accuracy (the
    /// training curve); nil: none.
    public var curveSampleCount: Int?

    /// A family; the optimiser and batch size default to `ModelConfiguration`'s.
    ///
    ///     ModelFamily(network: mlp, steps: steps, earlyStoppingEvery: max(1, steps / 20))   // checked twenty times a run
    public init(
        network: @escaping (inout SeededGenerator) -> Sequential<Float>, optimizer: OptimizerSettings = .rmsProp(learningRate: 0.01),
        steps: Int, batchSize: Int = 128, earlyStoppingEvery: Int? = nil, patience: Int? = nil
    ) {
        self.network = network
        self.optimizer = optimizer
        self.steps = steps
        self.batchSize = batchSize
        self.earlyStoppingEvery = earlyStoppingEvery
        self.patience = patience
    }

    /// A family that trains `epochs` passes over `trainingCount` examples: ceil(trainingCount /
    /// batch) steps an epoch (the batch is the whole set when that is smaller), at least
    /// `minimumSteps` in all (tiny sets need more steps than epochs). Validation accuracy is
    /// measured `measurements` times (default: `epochs`), evenly, and every tuned model keeps
    /// its best measurement; with it the accuracy on up to 2,000 training examples, for the
    /// training curves.
    ///
    ///     ModelFamily(network: mlp, optimizer: .rmsProp(learningRate: 0.001), epochs: 30, trainingCount: 5_000)   // 1,200 steps of 128
    public init(
        network: @escaping (inout SeededGenerator) -> Sequential<Float>, optimizer: OptimizerSettings = .rmsProp(learningRate: 0.01),
        epochs: Int, trainingCount: Int, batchSize: Int = 128, minimumSteps: Int = 0, measurements: Int? = nil, patience: Int? = nil
    ) {
        guard epochs >= 1, trainingCount >= 1, batchSize >= 1, (measurements ?? 1) >= 1 else {
            fatalError("a family counted in epochs needs epochs, trainingCount, batchSize and measurements >= 1, got \(epochs), \(trainingCount), \(batchSize) and \(measurements ?? epochs)")
        }
        let batch = Swift.min(batchSize, trainingCount)
        let perEpoch = (trainingCount + batch - 1) / batch
        let steps = Swift.max(epochs * perEpoch, minimumSteps)
        self.init(network: network, optimizer: optimizer, steps: steps, batchSize: batch, earlyStoppingEvery: Swift.max(1, steps / (measurements ?? epochs)),
                  patience: patience)
        stepsPerEpoch = perEpoch
        curveSampleCount = 2_000
    }

    /// Epochs trained (steps over steps per epoch), for a family counted in epochs.
    public var epochs: Double? { stepsPerEpoch.map { Double(steps) / Double($0) } }

    /// How a member trains with `objective` and `weightDecay`, stopped early as the family is.
    public func configuration(_ objective: Objective, weightDecay: Double = 0) -> ModelConfiguration {
        ModelConfiguration(objective: objective, optimizer: optimizer, steps: steps, batchSize: batchSize, weightDecay: weightDecay,
                           earlyStoppingEvery: earlyStoppingEvery, patience: patience, stepsPerEpoch: stepsPerEpoch,
                           curveSampleCount: earlyStoppingEvery == nil ? nil : curveSampleCount)
    }

    /// "cross-entropy" (or `name`): the tuned baseline, its weight decay chosen from
    /// `weightDecays` on the validation set.
    public func crossEntropy(_ name: String = "cross-entropy", weightDecays: [Double] = [0, 1e-4, 1e-3]) -> ModelSpec {
        ModelSpec(name, network: network, grid: HyperparameterGrid(["weightDecay": weightDecays])) { point in
            configuration(.crossEntropy, weightDecay: point["weightDecay"])
        }
    }

    /// "hinge": the multi-class hinge loss (margin 1) plus `crossEntropyWeight` times
    /// cross-entropy, its weight decay chosen from `weightDecays` on the validation set.
    public func hinge(crossEntropyWeight: Double, weightDecays: [Double]) -> ModelSpec {
        ModelSpec("hinge", network: network, grid: HyperparameterGrid(["weightDecay": weightDecays])) { point in
            configuration(.hinge(margin: 1, crossEntropyWeight: crossEntropyWeight), weightDecay: point["weightDecay"])
        }
    }

    /// "cross-entropy, untuned": every step, no weight decay, no early stopping.
    public func untunedCrossEntropy() -> ModelSpec {
        ModelSpec("cross-entropy, untuned", network: network) { _ in
            ModelConfiguration(objective: .crossEntropy, optimizer: optimizer, steps: steps, batchSize: batchSize, stepsPerEpoch: stepsPerEpoch)
        }
    }

    /// The large margin (eq. 10) in `norm` at `layers` (-1: the input), its gamma (one for every
    /// layer) chosen from `gammas` on the validation set, plus cross-entropy of weight
    /// `crossEntropyWeight` (0 by default: the pure eq. 10).
    public func largeMargin(
        _ name: String, norm: Norm, gammas: [Double], layers: [Int], aggregation: MarginConfiguration.Aggregation = .sum,
        gradient: MarginConfiguration.GradientMode = .exact, crossEntropyWeight: Double = 0
    ) -> ModelSpec {
        ModelSpec(name, network: network, grid: HyperparameterGrid(["gamma": gammas])) { point in
            configuration(.largeMargin(MarginConfiguration(gamma: point["gamma"], norm: norm, aggregation: aggregation, gradient: gradient,
                                                           crossEntropyWeight: crossEntropyWeight),
                                       layers: layers))
        }
    }
}
