import SeedStatistics

/// A model against a baseline on one quantity, paired by seed (both trained on the same
/// data and from the same initial weights at each seed): the mean difference with its 95%
/// interval, how many seeds each side won, and the paired t-test's two-sided p-value.
public struct PairedComparison: Sendable, Equatable, Codable {
    public var model: String
    public var baseline: String
    public var quantity: String
    /// The seeds both models have, in order.
    public var seeds: [UInt64]
    /// model - baseline at each seed, with its mean and interval.
    public var difference: MeanInterval
    /// Seeds where the model is strictly better (higher, or lower for a lower-is-better quantity).
    public var wins: Int
    /// Seeds where the baseline is strictly better.
    public var losses: Int
    /// Seeds where the two are equal.
    public var ties: Int
    /// The paired t-test's two-sided p-value (NaN with fewer than two seeds; 0 or 1 when
    /// every difference is the same).
    public var pValue: Double

    /// Compares `modelValues` with `baselineValues`, given per seed in the same order.
    public init(
        model: String, baseline: String, quantity: String, seeds: [UInt64], modelValues: [Double],
        baselineValues: [Double], higherIsBetter: Bool = true
    ) {
        guard modelValues.count == baselineValues.count && seeds.count == modelValues.count else {
            fatalError("a paired comparison needs one value of each model per seed")
        }
        self.model = model
        self.baseline = baseline
        self.quantity = quantity
        self.seeds = seeds
        let differences = zip(modelValues, baselineValues).map { $0 - $1 }
        difference = MeanInterval(differences)
        let better = differences.map { higherIsBetter ? $0 : -$0 }
        wins = better.filter { $0 > 0 }.count
        losses = better.filter { $0 < 0 }.count
        ties = better.count - wins - losses
        let n = differences.count
        if n < 2 {
            pValue = .nan
        } else if !(difference.standardDeviation > 0) {
            pValue = difference.mean == 0 ? 1 : 0
        } else {
            let t = difference.mean / (difference.standardDeviation / Double(n).squareRoot())
            pValue = Statistics.twoSidedPValue(t: t, degreesOfFreedom: Double(n - 1))
        }
    }
}
