import Attacks
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
    public func measure(_ model: Sequential<Float>, on split: SplitData) -> [Double] {
        let test = split.test
        var known: [(attack: Attack, source: BlackBoxSource?, correct: [Bool])] = []
        func correct(after attack: Attack, craftedOn source: BlackBoxSource?) -> [Bool] {
            if let hit = known.first(where: { $0.attack == attack && $0.source === source }) { return hit.correct }
            let crafted = source?.examples(for: split, under: attack, clippedTo: range)
                ?? attack.perturb(test.inputs, labels: test.labels, against: model, clippedTo: range)
            let flags = correctlyClassified(by: model, inputs: crafted, labels: test.labels)
            known.append((attack, source, flags))
            return flags
        }
        let points = curves.map { curve in
            curve.epsilons.map { epsilon in
                let survivors = curve.attacks.map { correct(after: $0.withEpsilon(epsilon), craftedOn: curve.source) }
                    .reduce([Bool](repeating: true, count: test.count)) { zip($0, $1).map { $0 && $1 } }
                return (epsilon: epsilon, accuracy: shareCorrect(survivors))
            }
        }
        let byName = Dictionary(uniqueKeysWithValues: zip(curves.map(\.name), points))
        return points.flatMap { $0.map(\.accuracy) }
            + excesses.map { $0.value(curve: byName[$0.curve]!, baseline: byName[$0.baseline]!) }
    }

    /// Trains each black-box curve's source for every seed and crafts its examples, before an
    /// experiment runs: the runs (processes forked from the caller) inherit them, so a seed's
    /// source is trained and attacked once rather than once per model.
    public func prepare(for data: DataSource, seeds: [UInt64]) throws {
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
}

extension MeasuredQuantity {
    /// The values of a robustness measurement, computed once per trained model.
    public init(_ robustness: RobustnessMeasurement) {
        self.init(robustness.names, higherIsBetter: robustness.higherIsBetter) { robustness.measure($0, on: $1) }
    }
}
