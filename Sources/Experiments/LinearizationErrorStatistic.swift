import SeedStatistics

/// A number that says how far eq. 7's linearised distances are from the exact ones
/// (`LinearizedAndExactDistances`), with the name it has in tables and results files.
public enum LinearizationErrorStatistic: Sendable, Equatable {
    /// The largest |linearised - exact|: "largest_error".
    case largestError
    /// The median of |linearised - exact| / exact: "relative_error_median".
    case relativeErrorMedian
    /// The 90th percentile of |linearised - exact| / exact: "relative_error_p90".
    case relativeErrorP90
    /// The share of points whose linearised distance is larger than the exact one by more
    /// than `tolerance` (the search's resolution): "overestimated_share".
    case overestimatedShare(tolerance: Double)

    /// The statistic's name, without the norm.
    public var name: String {
        switch self {
        case .largestError: return "largest_error"
        case .relativeErrorMedian: return "relative_error_median"
        case .relativeErrorP90: return "relative_error_p90"
        case .overestimatedShare: return "overestimated_share"
        }
    }

    /// The statistic of `distances` (quantiles as `Statistics.quantile`; NaN with no points).
    public func value(of distances: LinearizedAndExactDistances) -> Double {
        switch self {
        case .largestError: return distances.largestError
        case .relativeErrorMedian: return Statistics.quantile(distances.relativeErrors, 0.5)
        case .relativeErrorP90: return Statistics.quantile(distances.relativeErrors, 0.9)
        case .overestimatedShare(let tolerance): return distances.overestimatedShare(tolerance: tolerance)
        }
    }
}
