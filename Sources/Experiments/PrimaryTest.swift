import SeedStatistics

/// The test of a primary claim: a one-sided t-test over seeds, paired by seed for two models.
/// Every comparison is oriented so that a positive effect means `model` is better (higher,
/// or lower for a lower-is-better quantity, as the experiment's `higherIsBetter` says).
public enum PrimaryTest: Sendable, Equatable {
    /// Superiority: `model` is better than `baseline` on `quantity` (H0: mean paired
    /// difference <= 0).
    case better(String, than: String, on: String)
    /// Non-inferiority with a margin stated before the run: `model` is not worse than
    /// `baseline` by `margin` (> 0) or more (H0: mean paired difference <= -margin). At
    /// alpha 0.05 without correction it holds exactly when the one-sided 95% lower bound of
    /// the difference is above -margin.
    case notWorse(String, than: String, on: String, margin: Double)
    /// Superiority by more than a gap: `model` improves on `baseline` by more than `atLeast`
    /// (H0: mean paired difference <= atLeast), at least the paper's gap, say.
    case betterBy(String, than: String, on: String, atLeast: Double)
    /// The mean of `model`'s `quantity` over its seeds is below `value` (H0: mean >= value),
    /// accuracy under a strong attack near 0, say.
    case atMost(String, on: String, value: Double)
    /// The mean of `model`'s `quantity` over its seeds is above `value` (H0: mean <= value).
    case atLeast(String, on: String, value: Double)

    /// The test's kind and its bound: "superiority", "non-inferiority, margin 0.01",
    /// "superiority by more than 0.02", "mean below 0.05", "mean above 0.9".
    public var kind: String {
        switch self {
        case .better: return "superiority"
        case .notWorse(_, _, _, let margin): return "non-inferiority, margin \(ResultText.number(margin))"
        case .betterBy(_, _, _, let gap): return "superiority by more than \(ResultText.number(gap))"
        case .atMost(_, _, let value): return "mean below \(ResultText.number(value))"
        case .atLeast(_, _, let value): return "mean above \(ResultText.number(value))"
        }
    }

    /// What is compared: "large-margin vs cross-entropy on test_accuracy", or
    /// "large-margin on robust_pgd_eps0.3".
    public var comparison: String {
        switch self {
        case .better(let model, let baseline, let quantity), .notWorse(let model, let baseline, let quantity, _),
             .betterBy(let model, let baseline, let quantity, _):
            return "\(model) vs \(baseline) on \(quantity)"
        case .atMost(let model, let quantity, _), .atLeast(let model, let quantity, _):
            return "\(model) on \(quantity)"
        }
    }

    /// The models the test reads.
    var models: [String] {
        switch self {
        case .better(let model, let baseline, _), .notWorse(let model, let baseline, _, _), .betterBy(let model, let baseline, _, _):
            return [model, baseline]
        case .atMost(let model, _, _), .atLeast(let model, _, _):
            return [model]
        }
    }

    /// The quantity the test reads.
    var quantity: String {
        switch self {
        case .better(_, _, let quantity), .notWorse(_, _, let quantity, _), .betterBy(_, _, let quantity, _),
             .atMost(_, let quantity, _), .atLeast(_, let quantity, _):
            return quantity
        }
    }

    /// Stops with a message when a bound cannot be tested: a margin that is not positive, a
    /// bound that is not finite.
    func checkBounds() {
        switch self {
        case .better: return
        case .notWorse(_, _, _, let margin):
            guard margin > 0 && margin.isFinite else {
                fatalError("a non-inferiority margin must be positive and finite, got \(margin) (for margin 0 use .better)")
            }
        case .betterBy(_, _, _, let gap):
            guard gap.isFinite else { fatalError("the gap of .betterBy must be finite, got \(gap)") }
        case .atMost(_, _, let value), .atLeast(_, _, let value):
            guard value.isFinite else { fatalError("the bound of a one-sample primary claim must be finite, got \(value)") }
        }
    }

    /// The test on `results`: the effect with its 95% interval, the seeds and the one-sided p.
    func evaluate(on results: ExperimentResults) -> PrimaryEvaluation {
        switch self {
        case .better(let model, let baseline, let quantity):
            return Self.paired(results, model, baseline, quantity, margin: 0)
        case .notWorse(let model, let baseline, let quantity, let margin):
            return Self.paired(results, model, baseline, quantity, margin: margin)
        case .betterBy(let model, let baseline, let quantity, let gap):
            return Self.paired(results, model, baseline, quantity, margin: -gap)
        case .atMost(let model, let quantity, let value):
            let values = results.values(quantity, of: model)
            return PrimaryEvaluation(
                effect: MeanInterval(values.map(\.value)), seeds: values.map(\.seed),
                pValue: Statistics.oneSidedPValue(values.map { -$0.value }, above: -value))
        case .atLeast(let model, let quantity, let value):
            let values = results.values(quantity, of: model)
            return PrimaryEvaluation(
                effect: MeanInterval(values.map(\.value)), seeds: values.map(\.seed),
                pValue: Statistics.oneSidedPValue(values.map(\.value), above: value))
        }
    }

    /// The paired test of `model` against `baseline`, differences oriented so positive is better.
    private static func paired(
        _ results: ExperimentResults, _ model: String, _ baseline: String, _ quantity: String, margin: Double
    ) -> PrimaryEvaluation {
        let comparison = results.comparison(model, against: baseline, on: quantity)
        let sign = results.higherIsBetter(quantity) ? 1.0 : -1.0
        let better = comparison.difference.values.map { sign * $0 }
        return PrimaryEvaluation(
            effect: MeanInterval(better), seeds: comparison.seeds,
            pValue: Statistics.pairedOneSidedPValue(differences: better, margin: margin))
    }
}
