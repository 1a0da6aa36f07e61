import SeedStatistics

/// A comparison a claim states, evaluated on an experiment's results.
public enum ClaimTest {
    /// `model` is better than `baseline` on `quantity` in at least `count` of the seeds
    /// both finished (paired by seed; a tie is not a win).
    case wins(atLeast: Int, String, over: String, on: String)
    /// The mean of `model` on `quantity` is not worse than the baseline's by more than
    /// `tolerance` (equal means hold, whatever rounding does to their difference).
    case meanNotWorse(String, than: String, on: String, tolerance: Double)
    /// `model` is better than `baseline` on average and the paired t-test's two-sided
    /// p-value is below `alpha`.
    case significantlyBetter(String, than: String, on: String, alpha: Double)
    /// The mean of `model` on `quantity` is at least `value` (a paper's figure, say).
    case meanAtLeast(String, on: String, value: Double)
    /// The mean of `model` on `quantity` is at most `value`.
    case meanAtMost(String, on: String, value: Double)
    /// `quantity` of `model` is at most `value` at every finished seed (an error bound, say):
    /// `seedsAtMost` with every finished seed needed (and at least one finished).
    case everySeedAtMost(String, on: String, value: Double)
    /// `quantity` of `model` is at least `value` at every finished seed: `seedsAtLeast` with
    /// every finished seed needed (and at least one finished).
    case everySeedAtLeast(String, on: String, value: Double)
    /// `quantity` of `model` is at least `value` in at least `count` (>= 1) of its finished
    /// seeds (the `count`-th largest value is at least `value`; a NaN never counts).
    ///
    ///     .seedsAtLeast(3, "cross-entropy", on: Quantity.trainMarginMinShare, value: 0.8)
    case seedsAtLeast(Int, String, on: String, value: Double)
    /// `quantity` of `model` is at most `value` in at least `count` (>= 1) of its finished seeds.
    case seedsAtMost(Int, String, on: String, value: Double)

    /// Whether it holds on `results`, and the numbers that say so.
    func evaluate(on results: ExperimentResults) -> (holds: Bool, detail: String) {
        switch self {
        case .wins(let count, let model, let baseline, let quantity):
            let c = results.comparison(model, against: baseline, on: quantity)
            let direction = results.higherIsBetter(quantity) ? "above" : "below"
            return (c.wins >= count,
                    "\(quantity): \(model) \(direction) \(baseline) in \(c.wins) of \(c.seeds.count) seeds (needs \(count)); \(Self.describe(c))")
        case .meanNotWorse(let model, let baseline, let quantity, let tolerance):
            let c = results.comparison(model, against: baseline, on: quantity)
            let better = results.higherIsBetter(quantity) ? c.difference.mean : -c.difference.mean
            let means = "mean \(ResultText.fixed(results.interval(quantity, of: model).mean, 4)) against \(ResultText.fixed(results.interval(quantity, of: baseline).mean, 4))"
            let allowed = tolerance > 0 ? " (tolerance \(ResultText.number(tolerance)))" : ""
            // Equal means can differ by a rounding error in their difference's last bits.
            let rounding = 1e-12 * Swift.max(1, abs(results.interval(quantity, of: baseline).mean))
            return (!c.seeds.isEmpty && better >= -tolerance - rounding, "\(quantity): \(model) \(means)\(allowed); \(Self.describe(c))")
        case .significantlyBetter(let model, let baseline, let quantity, let alpha):
            let c = results.comparison(model, against: baseline, on: quantity)
            let better = results.higherIsBetter(quantity) ? c.difference.mean : -c.difference.mean
            return (better > 0 && c.pValue < alpha,
                    "\(quantity): \(model) against \(baseline), needs p < \(ResultText.number(alpha)); \(Self.describe(c))")
        case .meanAtLeast(let model, let quantity, let value):
            let interval = results.interval(quantity, of: model)
            return (interval.count > 0 && interval.mean >= value, Self.describe(interval, model, quantity) + ", needs at least \(ResultText.number(value))")
        case .meanAtMost(let model, let quantity, let value):
            let interval = results.interval(quantity, of: model)
            return (interval.count > 0 && interval.mean <= value, Self.describe(interval, model, quantity) + ", needs at most \(ResultText.number(value))")
        case .everySeedAtMost(let model, let quantity, let value):
            return Self.seedCount(nil, results.values(quantity, of: model).map(\.value), model, quantity, value, atLeast: false)
        case .everySeedAtLeast(let model, let quantity, let value):
            return Self.seedCount(nil, results.values(quantity, of: model).map(\.value), model, quantity, value, atLeast: true)
        case .seedsAtLeast(let count, let model, let quantity, let value):
            return Self.seedCount(count, results.values(quantity, of: model).map(\.value), model, quantity, value, atLeast: true)
        case .seedsAtMost(let count, let model, let quantity, let value):
            return Self.seedCount(count, results.values(quantity, of: model).map(\.value), model, quantity, value, atLeast: false)
        }
    }

    /// Whether `count` of `values` (all of them, at least one, when `count` is nil) are at
    /// least (at most) `value`: "train_margin_min_share: cross-entropy at least 0.8 in 4 of 10
    /// seeds (needs 3); 3rd largest 0.8712". The order statistic named is the one that decides:
    /// the `count`-th largest (smallest) value, "smallest" ("largest") when every seed is needed.
    static func seedCount(
        _ count: Int?, _ values: [Double], _ model: String, _ quantity: String, _ value: Double, atLeast: Bool
    ) -> (holds: Bool, detail: String) {
        if let count, count < 1 { fatalError("a claim about some seeds needs at least 1 of them, got \(count)") }
        let meeting = values.filter { atLeast ? $0 >= value : $0 <= value }.count
        let needed = count ?? Swift.max(1, values.count)
        let needs = count == nil ? "needs all \(values.count)" : "needs \(needed)"
        var detail = "\(quantity): \(model) \(atLeast ? "at least" : "at most") \(ResultText.number(value)) in \(meeting) of \(values.count) seeds (\(needs))"
        // The deciding value: the needed-th best of the values that are numbers.
        let ordered = values.filter { !$0.isNaN }.sorted(by: atLeast ? (>) : (<))
        if needed <= ordered.count {
            let name = needed == values.count ? (atLeast ? "smallest" : "largest")
                : needed == 1 ? (atLeast ? "largest" : "smallest")
                : "\(ordinal(needed)) \(atLeast ? "largest" : "smallest")"
            detail += "; \(name) \(ResultText.fixed(ordered[needed - 1], 4))"
        }
        return (meeting >= needed, detail)
    }

    /// "1st", "2nd", "3rd", "4th", "11th", "21st", ...
    static func ordinal(_ n: Int) -> String {
        let suffix: String
        switch (n % 10, n % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(n)\(suffix)"
    }

    /// "test_accuracy: large-margin mean 0.9680 [95% CI 0.9600, 0.9760] over 10 seeds".
    static func describe(_ interval: MeanInterval, _ model: String, _ quantity: String) -> String {
        "\(quantity): \(model) mean \(ResultText.fixed(interval.mean, 4)) [95% CI \(ResultText.fixed(interval.lower, 4)), \(ResultText.fixed(interval.upper, 4))] over \(interval.count) seeds"
    }

    /// "mean difference +0.012 [95% CI 0.004, 0.020], 9 wins / 1 loss / 0 ties, paired t p=0.003".
    static func describe(_ c: PairedComparison) -> String {
        let d = c.difference
        return "mean difference \(ResultText.signed(d.mean, 4)) [95% CI \(ResultText.fixed(d.lower, 4)), \(ResultText.fixed(d.upper, 4))], \(c.wins) wins / \(c.losses) losses / \(c.ties) ties, paired t p=\(ResultText.pValue(c.pValue))"
    }
}
