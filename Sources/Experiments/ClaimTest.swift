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
    /// `quantity` of `model` is at most `value` at every finished seed (an error bound, say).
    case everySeedAtMost(String, on: String, value: Double)
    /// `quantity` of `model` is at least `value` at every finished seed.
    case everySeedAtLeast(String, on: String, value: Double)

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
            let values = results.values(quantity, of: model).map(\.value)
            return (!values.isEmpty && values.allSatisfy { $0 <= value },
                    "\(quantity): \(model) at most \(ResultText.number(value)) in \(values.filter { $0 <= value }.count) of \(values.count) seeds (largest \(ResultText.fixed(values.max() ?? .nan, 4)))")
        case .everySeedAtLeast(let model, let quantity, let value):
            let values = results.values(quantity, of: model).map(\.value)
            return (!values.isEmpty && values.allSatisfy { $0 >= value },
                    "\(quantity): \(model) at least \(ResultText.number(value)) in \(values.filter { $0 >= value }.count) of \(values.count) seeds (smallest \(ResultText.fixed(values.min() ?? .nan, 4)))")
        }
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
