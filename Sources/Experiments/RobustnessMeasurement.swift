import Attacks
import Foundation
import Models
import Tensors

/// Robustness curves and the excesses between them, measured on every trained model in one
/// computation (a `MeasuredQuantity` of several values): each attack at each epsilon is
/// crafted once per model, on the seed's whole test set at once, and shared by every curve
/// that needs it; nothing is kept between models. Curves are higher-is-better, excesses
/// lower-is-better.
///
///     let robustness = RobustnessMeasurement(curves: [
///         RobustnessCurve("exhaustive", .gridSearch(epsilon: 0, pointsPerAxis: 15), epsilons: epsilons),
///         RobustnessCurve("ifgsm_whitebox", .iterativeFGSM(epsilon: 0, loss: .logitMargin), epsilons: epsilons),
///         RobustnessCurve("ifgsm_blackbox", .iterativeFGSM(epsilon: 0, loss: .logitMargin), epsilons: epsilons, craftedOn: source),
///     ], excesses: [RobustnessExcess("attack_excess_ifgsm_whitebox", of: "ifgsm_whitebox", over: "exhaustive")])
///     try robustness.prepare(for: data, seeds: seeds)   // black-box sources and their examples, once per seed
///     let experiment = Experiment(data: data, seeds: seeds, models: models, measurements: [MeasuredQuantity(robustness)])
public struct RobustnessMeasurement {
    /// The curves, in the order of their values.
    public var curves: [RobustnessCurve]
    /// The excesses, after the curves' values.
    public var excesses: [RobustnessExcess]
    /// The range of valid inputs every attack clips to ([0, 1] for images); nil: unclipped.
    public var range: ClosedRange<Double>?

    /// A measurement of `curves` and `excesses` (each naming two of the curves).
    public init(curves: [RobustnessCurve], excesses: [RobustnessExcess] = [], clippedTo range: ClosedRange<Double>? = nil) {
        let curveNames = curves.map(\.name)
        guard !curves.isEmpty, Set(curveNames).count == curveNames.count else {
            fatalError("a robustness measurement needs at least one curve and distinct curve names, got \(curveNames)")
        }
        for excess in excesses {
            guard let curve = curves.first(where: { $0.name == excess.curve }),
                  let baseline = curves.first(where: { $0.name == excess.baseline })
            else { fatalError("the excess \"\(excess.name)\" names a curve that is not measured: \(excess.curve) or \(excess.baseline)") }
            guard !Set(curve.epsilons).isDisjoint(with: baseline.epsilons) else {
                fatalError("the excess \"\(excess.name)\" compares curves that share no epsilon")
            }
        }
        self.curves = curves
        self.excesses = excesses
        self.range = range
    }

    /// The names of its values: every curve's, then the excesses'.
    public var names: [String] { curves.flatMap(\.quantityNames) + excesses.map(\.name) }

    /// Whether a larger value is better, one per name: the curves' accuracies are, the excesses are not.
    public var higherIsBetter: [Bool] {
        curves.flatMap { $0.epsilons.map { _ in true } } + excesses.map { _ in false }
    }

    /// The values of `model` on the test set of `split`, in the order of `names`.
    ///
    /// A curve of several attacks runs them in order, each white-box one only on the points
    /// every earlier one failed to break (a point broken once stays broken, so the value is
    /// the same as attacking every point with every attack, for far less work when the first
    /// attacks break most points): PGD's second restart, say, only where the first failed.
    /// An attack with a random start draws it for the points it is given, so which points
    /// those are decides its starts (the same ones every time for the same curves). An attack
    /// shared by several curves is run once per point and model.
    public func measure(_ model: Sequential<Float>, on split: SplitData) -> [Double] {
        var outcomes = AttackOutcomes(model: model, split: split, range: range)
        let points = curves.map { curve in
            curve.epsilons.map { epsilon in
                let survivors = curve.attacks.reduce([Bool](repeating: true, count: split.test.count)) { alive, attack in
                    outcomes.survivors(of: attack.withEpsilon(epsilon), craftedOn: curve.source, among: alive)
                }
                return (epsilon: epsilon, accuracy: shareCorrect(survivors))
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: zip(curves.map(\.name), points))
        return points.flatMap { $0.map(\.accuracy) }
            + excesses.map { $0.value(curve: byName[$0.curve]!, baseline: byName[$0.baseline]!) }
    }

    /// Trains each black-box curve's source for every seed and crafts its examples, before an
    /// experiment runs: the runs (processes forked from the caller) inherit them, so a seed's
    /// source is trained and attacked once rather than once per model. The sources are
    /// trained side by side, each (source, seed) in a child process of its own (as an
    /// experiment's runs are), `workers` at a time; the examples are then crafted here.
    /// - Throws: `SourceTrainingFailure` when a source's training failed or was interrupted.
    public func prepare(
        for data: DataSource, seeds: [UInt64], workers: Int = ProcessInfo.processInfo.activeProcessorCount, showProgress: Bool = true
    ) throws {
        try trainSources(for: data, seeds: seeds, workers: workers, showProgress: showProgress)
        for seed in seeds {
            let split = try data.data(seed: seed)
            for curve in curves {
                guard let source = curve.source else { continue }
                for epsilon in curve.epsilons {
                    for attack in curve.attacks { _ = source.examples(for: split, under: attack.withEpsilon(epsilon), clippedTo: range) }
                }
            }
        }
    }

    /// The distinct black-box sources of the curves, in order of first use.
    public var sources: [BlackBoxSource] {
        curves.compactMap(\.source).reduce(into: []) { found, source in
            if !found.contains(where: { $0 === source }) { found.append(source) }
        }
    }

    /// Trains every source not yet trained at each seed, in child processes, and keeps them.
    private func trainSources(for data: DataSource, seeds: [UInt64], workers: Int, showProgress: Bool) throws {
        let jobs = seeds.flatMap { seed in sources.filter { !$0.isTrained(seed: seed) }.map { (seed: seed, source: $0) } }
        guard !jobs.isEmpty else { return }
        let progress = showProgress ? ExperimentProgress(label: "black-box sources") : nil
        let (outcomes, interrupted) = ForkedRuns.run(
            count: jobs.count, workers: Swift.max(1, Swift.min(workers, jobs.count)), threadsPerRun: 1, onChange: { progress?.show($0) }
        ) { index in
            TrainedValues(jobs[index].source.trainedModel(for: try data.data(seed: jobs[index].seed)))
        }
        progress?.finish("black-box sources: \(jobs.count) trained (\(sources.count) per seed)")
        for (job, outcome) in zip(jobs, outcomes) {
            switch outcome {
            case .finished(let values): job.source.keep(values, seed: job.seed)
            case .failed(let message): throw SourceTrainingFailure(source: job.source.name, seed: job.seed, message: message)
            case .notRun: throw SourceTrainingFailure(source: job.source.name, seed: job.seed, message: "interrupted")
            }
        }
        if interrupted { throw SourceTrainingFailure(source: jobs[0].source.name, seed: jobs[0].seed, message: "interrupted") }
    }
}

extension MeasuredQuantity {
    /// The values of a robustness measurement, computed once per trained model.
    public init(_ robustness: RobustnessMeasurement) {
        self.init(robustness.names, higherIsBetter: robustness.higherIsBetter) { robustness.measure($0, on: $1) }
    }
}
