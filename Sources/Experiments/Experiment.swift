import Foundation
import Models
import SeedStatistics
import Tensors

/// Models compared over seeds: for every seed and model, each point of the model's grid is
/// trained on the seed's training set, validation accuracy picks one, and that one is
/// measured (test accuracy and, on 2-D data, the training points' margins, also as shares of
/// the ceiling and the fair shares the training set allows). The seeds' runs
/// spread over the cores, each in a process of its own (see `ForkedRuns`), so a run gives the
/// same numbers alone or beside others.
///
///     let experiment = Experiment(
///         data: .toy(.twoMoons(noise: 0.1), trainCount: 100, validationCount: 200, testCount: 2000),
///         seeds: 0..<10, models: [crossEntropy, largeMargin], trainingMargins: TrainingMarginMeasurement())
///     let results = try experiment.run()
///     results.summary()                                    // mean and 95% interval per quantity
///     results.compare(against: "cross-entropy")            // paired by seed
///     results.claim("...", .wins(atLeast: 8, "large-margin", over: "cross-entropy", on: Quantity.trainMarginP10))
///
/// An interrupt stops the runs under way and returns the finished ones.
public struct Experiment {
    public var data: DataSource
    public var seeds: [UInt64]
    public var models: [ModelSpec]
    /// Measures the training points' exact and linearised margins (2-D data only).
    public var trainingMargins: TrainingMarginMeasurement?
    /// Further quantities measured on every chosen model.
    public var measurements: [MeasuredQuantity]

    /// An experiment; model names must be unique, and so must measurement names.
    public init<Seeds: Sequence>(
        data: DataSource, seeds: Seeds, models: [ModelSpec], trainingMargins: TrainingMarginMeasurement? = nil,
        measurements: [MeasuredQuantity] = []
    ) where Seeds.Element: BinaryInteger {
        let seedList = seeds.map { UInt64($0) }
        guard !seedList.isEmpty, !models.isEmpty else { fatalError("an experiment needs at least one seed and one model") }
        guard Set(seedList).count == seedList.count else { fatalError("the experiment's seeds repeat: \(seedList)") }
        let names = models.map(\.name) + measurements.flatMap(\.names)
        if let repeated = names.first(where: { name in names.filter { $0 == name }.count > 1 }) {
            fatalError("two models or measurements of the experiment are named \"\(repeated)\"")
        }
        self.data = data
        self.seeds = seedList
        self.models = models
        self.trainingMargins = trainingMargins
        self.measurements = measurements
    }

    /// Runs every model at every seed.
    /// - Parameters:
    ///   - workers: Runs at once, each in its own process (default: one per core).
    ///   - threadsPerRun: BLAS threads of each run (1 keeps runs independent of `workers`).
    ///   - showProgress: Show a progress line (updated in place in a notebook).
    /// - Returns: The finished runs, the failures, and whether an interrupt cut it short.
    public func run(
        workers: Int = ProcessInfo.processInfo.activeProcessorCount, threadsPerRun: Int = 1, showProgress: Bool = true
    ) -> ExperimentResults {
        let jobs = seeds.flatMap { seed in models.indices.map { (seed: seed, model: $0) } }
        let progress = showProgress ? ExperimentProgress(label: "experiment") : nil
        let (outcomes, interrupted) = ForkedRuns.run(
            count: jobs.count, workers: Swift.max(1, Swift.min(workers, jobs.count)), threadsPerRun: threadsPerRun,
            onChange: { progress?.show($0) }
        ) { index in
            try runModel(models[jobs[index].model], seed: jobs[index].seed)
        }
        var runs: [SeedResult] = []
        var failures: [RunFailure] = []
        for (job, outcome) in zip(jobs, outcomes) {
            switch outcome {
            case .finished(let result): runs.append(result)
            case .failed(let message): failures.append(RunFailure(model: models[job.model].name, seed: job.seed, message: message))
            case .notRun: break
            }
        }
        let results = ExperimentResults(experiment: self, runs: runs, failures: failures, interrupted: interrupted)
        progress?.finish(results.statusLine)
        // The reasons, which the status line only counts.
        if showProgress { results.failureLines.forEach { print($0) } }
        return results
    }

    /// Trains every grid point of `spec` at `seed`, keeps the best on validation, measures it.
    func runModel(_ spec: ModelSpec, seed: UInt64) throws -> SeedResult {
        let start = Date()
        let split = try data.data(seed: seed)
        let validation = LabeledBatch(inputs: split.validation.inputs, labels: split.validation.labels)
        var best: (point: HyperparameterGrid.Point, model: Sequential<Float>, history: TrainingHistory, accuracy: Double)?
        var validationAccuracies: [Double] = []
        for point in spec.grid.points {
            var model = spec.initialNetwork(seed: seed)
            let history = spec.configuration(point).train(&model, data: split, seed: seed)
            let accuracy = Models.accuracy(of: model, on: validation)
            validationAccuracies.append(accuracy)
            if best == nil || accuracy > best!.accuracy { best = (point, model, history, accuracy) }
        }
        let chosen = best!
        var quantities = measure(chosen.model, on: split)
        quantities[Quantity.validationAccuracy] = chosen.accuracy
        var margins: (exact: [Double], linearized: [Double])?
        if let trainingMargins {
            let measured = trainingMargins.measure(chosen.model, on: LabeledBatch(inputs: split.train.inputs, labels: split.train.labels))
            margins = measured
            quantities[Quantity.trainMarginMin] = measured.exact.min()
            quantities[Quantity.trainMarginP10] = Statistics.quantile(measured.exact, 0.1)
            quantities[Quantity.trainMarginMedian] = Statistics.quantile(measured.exact, 0.5)
            quantities[Quantity.linearizedMarginMin] = measured.linearized.min()
            quantities[Quantity.linearizedMarginP10] = Statistics.quantile(measured.linearized, 0.1)
            quantities[Quantity.linearizedMarginMedian] = Statistics.quantile(measured.linearized, 0.5)
            // The ceiling and the fair shares, from the same exact margins (no second search).
            let fairShares = trainingMargins.fairShares(inputs: split.train.inputs, labels: split.train.labels)
            quantities.merge(TrainingMarginMeasurement.shareQuantities(exact: measured.exact, fairShares: fairShares)) { $1 }
        }
        return SeedResult(
            model: spec.name, seed: seed, chosen: chosen.point.description, validationAccuracyByPoint: validationAccuracies,
            quantities: quantities, trainingMargins: margins?.exact, linearizedMargins: margins?.linearized,
            // Training put the kept step's parameters and state back together (see `train`).
            parameters: chosen.model.parameters.map(\.scalars), state: chosen.model.states.map(\.scalars), steps: chosen.history.steps,
            keptStep: chosen.history.bestStep ?? chosen.history.steps, seconds: Date().timeIntervalSince(start),
            trainingCurve: TrainingCurvePoint.curve(of: chosen.history, stepsPerEpoch: spec.configuration(chosen.point).stepsPerEpoch))
    }

    /// The accuracies and the extra measurements of a trained model.
    private func measure(_ model: Sequential<Float>, on split: SplitData) -> [String: Double] {
        var quantities: [String: Double] = [
            Quantity.testAccuracy: Models.accuracy(of: model, on: LabeledBatch(inputs: split.test.inputs, labels: split.test.labels)),
            Quantity.trainAccuracy: Models.accuracy(of: model, on: LabeledBatch(inputs: split.train.inputs, labels: split.train.labels)),
        ]
        for measurement in measurements { quantities.merge(measurement.values(of: model, on: split)) { $1 } }
        return quantities
    }

    /// The quantities this experiment measures, in table order.
    var quantities: [String] {
        Quantity.accuracies + (trainingMargins == nil ? [] : Quantity.trainingMargins) + measurements.flatMap(\.names)
    }

    /// Whether a larger value of `quantity` is better.
    func higherIsBetter(_ quantity: String) -> Bool {
        measurements.lazy.compactMap { $0.isHigherBetter(quantity) }.first ?? true
    }
}

/// A run that threw or crashed: the others go on, and the results say which failed and why.
public struct RunFailure: Sendable, Equatable {
    public var model: String
    public var seed: UInt64
    public var message: String
}
