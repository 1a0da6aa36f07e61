import SeedStatistics

/// What a primary claim's test measured: the effect over seeds with its 95% two-sided t
/// interval, the seeds it used and the raw one-sided p-value (before Holm's adjustment).
public struct PrimaryEvaluation: Sendable, Equatable {
    /// For two models, the paired differences oriented so that positive means the model is
    /// better, with their mean and interval; for one model, its values, mean and interval.
    public var effect: MeanInterval
    /// The seeds the test used (for two models, those both finished), in order.
    public var seeds: [UInt64]
    /// The one-sided t-test's p-value (NaN with fewer than two seeds).
    public var pValue: Double
}
