import Foundation
import Tensors

/// A batch of inputs with their labels.
public struct LabeledBatch<Scalar: TensorScalar> {
    public var inputs: Tensor<Scalar>
    public var labels: [Int]

    public init(inputs: Tensor<Scalar>, labels: [Int]) {
        guard inputs.rank >= 1, inputs.shape[0] == labels.count else {
            fatalError("a batch needs one label per input row: inputs \(inputs.shape), \(labels.count) labels")
        }
        self.inputs = inputs
        self.labels = labels
    }
}

/// Settings of a training run that have sensible defaults.
public struct TrainingOptions: Sendable {
    public var steps: Int
    public var batchSize: Int
    /// Fixes the order of the minibatches.
    public var seed: UInt64
    /// Sets the optimizer's learning rate before every step.
    public var schedule: (any LearningRateSchedule)?
    /// Clips the gradient to this global l2 norm before every step.
    public var gradientClipNorm: Double?
    /// Measure accuracy every this many steps (0: only at the end).
    public var evaluateEvery: Int
    /// Call the progress callback every this many steps.
    public var reportEvery: Int

    public init(
        steps: Int, batchSize: Int, seed: UInt64 = 0, schedule: (any LearningRateSchedule)? = nil,
        gradientClipNorm: Double? = nil, evaluateEvery: Int = 0, reportEvery: Int = 100
    ) {
        self.steps = steps
        self.batchSize = batchSize
        self.seed = seed
        self.schedule = schedule
        self.gradientClipNorm = gradientClipNorm
        self.evaluateEvery = evaluateEvery
        self.reportEvery = reportEvery
    }
}

/// Trains `model` with `optimizer` on shuffled minibatches of (`inputs`, `labels`).
///
///     var g = SeededGenerator(seed: 0)
///     var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 32, 32, 2], using: &g)
///     var optimizer = Adam<Float>(learningRate: 0.01)
///     let history = train(&model, optimizer: &optimizer, inputs: x, labels: y,
///                         options: TrainingOptions(steps: 1000, batchSize: 128)) { print($0) }
///
/// Stops early, keeping what it has learnt, when `TrainingStop.request()` is called.
///
/// - Parameters:
///   - loss: The loss of a batch; softmax cross-entropy of `model(inputs)` by default.
///   - test: Held-out data whose accuracy is measured with the training accuracy.
///   - batchTransform: Rewrites each batch before the step (adversarial training mixes
///     crafted examples in here); it sees the model as it is before the step.
///   - earlyStopping: Validation data measured every few steps: the model ends with the
///     parameters of the best measurement, and training may stop before `options.steps`.
///   - watch: Looks at the model every `watch.every` steps and after the last step (a
///     figure redrawn while the model trains: `LiveDecisionBoundary`).
///   - onProgress: Called every `options.reportEvery` steps and at every evaluation.
/// - Returns: The loss of every step and the evaluations.
@discardableResult
public func train<Model: Layer, Opt: Optimizer>(
    _ model: inout Model, optimizer: inout Opt, inputs: Tensor<Model.Scalar>, labels: [Int],
    options: TrainingOptions,
    loss: (Model, LabeledBatch<Model.Scalar>) -> Tensor<Model.Scalar> = { model, batch in
        softmaxCrossEntropy(logits: model(batch.inputs), labels: batch.labels)
    },
    test: LabeledBatch<Model.Scalar>? = nil,
    batchTransform: ((Model, LabeledBatch<Model.Scalar>) -> LabeledBatch<Model.Scalar>)? = nil,
    earlyStopping: EarlyStopping<Model.Scalar>? = nil,
    watch: TrainingWatch<Model>? = nil,
    onProgress: (TrainingProgress) -> Void = { _ in }
) -> TrainingHistory where Opt.Scalar == Model.Scalar {
    let data = LabeledBatch(inputs: inputs, labels: labels)
    guard !labels.isEmpty else { fatalError("train needs at least one training example, got an empty dataset") }
    guard options.steps >= 0, options.batchSize > 0 else {
        fatalError("train needs steps >= 0 and batchSize > 0, got \(options.steps) and \(options.batchSize)")
    }
    guard inputs.isFinite else { fatalError("the training inputs contain NaN or infinity") }
    var sampler = MinibatchSampler(count: labels.count, batchSize: options.batchSize, seed: options.seed)
    var history = TrainingHistory()
    history.losses.reserveCapacity(options.steps)
    let start = Date()
    var lastReport = (step: 0, time: start, lossSum: 0.0)

    func evaluate(_ step: Int) -> Evaluation {
        Evaluation(
            step: step, trainingAccuracy: Models.accuracy(of: model, on: data),
            testAccuracy: test.map { Models.accuracy(of: model, on: $0) })
    }

    /// The best measurement so far, with the parameters and the state (batch norm's running
    /// averages) the model had then.
    var best: (step: Int, accuracy: Double, parameters: [Tensor<Model.Scalar>], states: [Tensor<Model.Scalar>])?
    var measurementsBelowBest = 0
    /// Measures the validation accuracy after `step` steps; false when patience has run out.
    func measureValidation(_ step: Int) -> Bool {
        guard let earlyStopping else { return true }
        let validationAccuracy = Models.accuracy(of: model, on: earlyStopping.validation)
        history.validationAccuracies.append(ValidationAccuracy(
            step: step, accuracy: validationAccuracy, trainingAccuracy: earlyStopping.trainingSample.map { Models.accuracy(of: model, on: $0) }))
        if best == nil || validationAccuracy >= best!.accuracy {
            best = (step, validationAccuracy, model.parameters, model.states)
            measurementsBelowBest = 0
            return true
        }
        measurementsBelowBest += 1
        return earlyStopping.patience.map { measurementsBelowBest < $0 } ?? true
    }
    _ = measureValidation(0)

    for step in 0..<options.steps {
        if TrainingStop.isRequested {
            TrainingStop.clear()
            history.stoppedEarly = true
            break
        }
        if let schedule = options.schedule { optimizer.learningRate = schedule.learningRate(atStep: step) }
        let indices = sampler.next()
        var batch = LabeledBatch(inputs: inputs.gathering(atIndices: indices), labels: indices.map { labels[$0] })
        if let batchTransform { batch = batchTransform(model, batch) }
        var (value, gradient) = withLearningPhase(.training) {
            valueWithGradient(at: model) { loss($0, batch) }
        }
        let lossValue = Double(value.scalar)
        guard lossValue.isFinite else {
            fatalError("the loss became \(lossValue) at step \(step): lower the learning rate or check the data")
        }
        if let maxNorm = options.gradientClipNorm { clipByGlobalNorm(&gradient, maxNorm: maxNorm) }
        optimizer.update(&model, along: gradient)
        history.losses.append(lossValue)
        lastReport.lossSum += lossValue

        let done = step + 1
        let evaluation = options.evaluateEvery > 0 && done % options.evaluateEvery == 0 ? evaluate(done) : nil
        if let evaluation { history.evaluations.append(evaluation) }
        if evaluation != nil || (options.reportEvery > 0 && done % options.reportEvery == 0) {
            let now = Date()
            let steps = done - lastReport.step
            onProgress(TrainingProgress(
                step: done, totalSteps: options.steps, loss: lastReport.lossSum / Double(max(steps, 1)),
                learningRate: optimizer.learningRate,
                stepsPerSecond: Double(steps) / max(now.timeIntervalSince(lastReport.time), 1e-9), evaluation: evaluation))
            lastReport = (done, now, 0)
        }
        if let watch, done % watch.every == 0 || done == options.steps { watch.look(model, done) }
        if let earlyStopping, done % earlyStopping.every == 0 || done == options.steps {
            if !measureValidation(done) {
                history.stoppedByPatience = true
                break
            }
        }
    }
    if let best {
        if best.step != history.steps {
            model.parameters = best.parameters
            model.states = best.states
        }
        history.bestStep = best.step
    }
    if history.evaluations.last?.step != history.steps { history.evaluations.append(evaluate(history.steps)) }
    history.wallSeconds = Date().timeIntervalSince(start)
    return history
}

/// The accuracy of `model` on a labelled set, computed in chunks without recording gradients.
public func accuracy<Model: Layer>(of model: Model, on data: LabeledBatch<Model.Scalar>, chunkSize: Int = 4096) -> Double {
    withoutGradientRecording {
        withLearningPhase(.inference) {
            var correct = 0.0
            var start = 0
            while start < data.labels.count {
                let end = min(start + chunkSize, data.labels.count)
                let logits = model(data.inputs.slicing(axis: 0, range: start..<end))
                correct += Models.accuracy(logits: logits, labels: Array(data.labels[start..<end])) * Double(end - start)
                start = end
            }
            return correct / Double(data.labels.count)
        }
    }
}

/// Index batches for minibatch training: each epoch visits every example once in a seeded
/// random order; a final partial batch is skipped unless the data is smaller than a batch.
public struct MinibatchSampler: Sendable {
    public let count: Int
    public let batchSize: Int
    private var generator: SeededGenerator
    private var order: [Int] = []
    private var position = 0

    public init(count: Int, batchSize: Int, seed: UInt64) {
        guard count > 0 && batchSize > 0 else { fatalError("MinibatchSampler needs count > 0 and batchSize > 0") }
        self.count = count
        self.batchSize = batchSize
        generator = SeededGenerator(seed: seed)
    }

    /// The indices of the next batch.
    public mutating func next() -> [Int] {
        let size = min(batchSize, count)
        if order.isEmpty || position + size > count {
            order = generator.permutation(count)
            position = 0
        }
        defer { position += size }
        return Array(order[position..<(position + size)])
    }
}
