import Tensors
import Models

/// How one model is trained: its loss, optimiser and learning-rate schedule, steps, batch
/// size, weight decay and early stopping.
///
///     ModelConfiguration(objective: .crossEntropy, optimizer: .rmsProp(learningRate: 0.01),
///                        steps: 10_000, batchSize: 128, weightDecay: 1e-4, earlyStoppingEvery: 500)
public struct ModelConfiguration {
    public var objective: Objective
    public var optimizer: OptimizerSettings
    /// Sets the learning rate before every step, in place of the optimiser's constant rate
    /// (e.g. `CosineDecay(initial: 0.01, totalSteps: steps)`); nil: the optimiser's rate throughout.
    public var schedule: (any LearningRateSchedule)?
    public var steps: Int
    public var batchSize: Int
    /// L2 weight decay, added to the gradient by the optimiser.
    public var weightDecay: Double
    /// Measure validation accuracy every this many steps and end with the best parameters
    /// (ties to the later step); nil: train every step and keep the last parameters.
    public var earlyStoppingEvery: Int?
    /// With early stopping: stop after this many measurements in a row below the best.
    public var patience: Int?
    /// Rewrites each batch before its step (adversarial training mixes crafted examples in).
    public var batchTransform: ((Sequential<Float>, LabeledBatch<Float>) -> LabeledBatch<Float>)?
    /// The steps of one pass over the training set, when training is counted in epochs (the
    /// training curve's x axis); nil: counted in steps.
    public var stepsPerEpoch: Int?
    /// With early stopping: also measure the accuracy on the first this many training
    /// examples at each measurement (the training curve); nil: validation only.
    public var curveSampleCount: Int?

    /// A configuration; see the properties.
    public init(
        objective: Objective, optimizer: OptimizerSettings = .rmsProp(learningRate: 0.01),
        schedule: (any LearningRateSchedule)? = nil, steps: Int, batchSize: Int = 128, weightDecay: Double = 0,
        earlyStoppingEvery: Int? = nil, patience: Int? = nil,
        batchTransform: ((Sequential<Float>, LabeledBatch<Float>) -> LabeledBatch<Float>)? = nil,
        stepsPerEpoch: Int? = nil, curveSampleCount: Int? = nil
    ) {
        guard steps >= 1, batchSize >= 1 else {
            fatalError("a model configuration needs steps >= 1 and batchSize >= 1, got \(steps) and \(batchSize)")
        }
        guard weightDecay >= 0 else { fatalError("weight decay must be >= 0, got \(weightDecay)") }
        self.objective = objective
        self.optimizer = optimizer
        self.schedule = schedule
        self.steps = steps
        self.batchSize = batchSize
        self.weightDecay = weightDecay
        self.earlyStoppingEvery = earlyStoppingEvery
        self.patience = patience
        self.batchTransform = batchTransform
        self.stepsPerEpoch = stepsPerEpoch
        self.curveSampleCount = curveSampleCount
    }

    /// Trains `model` on `data` with this configuration; batches are drawn with `seed`, and
    /// `watch` looks at the model while it trains.
    func train(
        _ model: inout Sequential<Float>, data: SplitData, seed: UInt64, watch: TrainingWatch<Sequential<Float>>? = nil
    ) -> TrainingHistory {
        let sample = curveSampleCount.map { data.train.subset(Array(0..<Swift.min($0, data.train.count))) }
        let stopping = earlyStoppingEvery.map {
            EarlyStopping(validation: LabeledBatch(inputs: data.validation.inputs, labels: data.validation.labels), every: $0, patience: patience,
                          trainingSample: sample.map { LabeledBatch(inputs: $0.inputs, labels: $0.labels) })
        }
        return optimizer.train(
            &model, weightDecay: weightDecay, data: LabeledBatch(inputs: data.train.inputs, labels: data.train.labels),
            options: TrainingOptions(steps: steps, batchSize: batchSize, seed: seed, schedule: schedule, reportEvery: 0),
            loss: objective.loss, batchTransform: batchTransform, earlyStopping: stopping, watch: watch)
    }
}
