extension Statistics {
    /// The upper tail of Student's t: P(T >= t) with `degreesOfFreedom` (> 0) degrees of freedom.
    public static func upperTailPValue(t: Double, degreesOfFreedom nu: Double) -> Double {
        if t.isNaN { return .nan }
        // 1 - F(t) = F(-t) by symmetry, without the cancellation of 1 - F(t) for large t.
        return studentTCumulative(-t, degreesOfFreedom: nu)
    }

    /// The one-sided one-sample t-test of H0: mean <= `bound` against H1: mean > `bound`:
    /// t = (mean - bound) / (s / sqrt(n)), p = P(T >= t) with n - 1 degrees of freedom.
    /// NaN with fewer than two values (or a NaN among them); when every value is the same
    /// (s = 0), 0 if that value is above `bound` and 1 otherwise.
    ///
    ///     Statistics.oneSidedPValue([0.01, 0.02, 0.00], above: 0)   // is the mean above 0?
    public static func oneSidedPValue(_ values: [Double], above bound: Double) -> Double {
        guard bound.isFinite else { fatalError("a one-sided t-test needs a finite bound, got \(bound)") }
        guard values.count >= 2 else { return .nan }
        guard !values.contains(where: \.isNaN) else { return .nan }
        // Equal values: their computed mean and deviation may be off in the last bits, the values are not.
        if values.allSatisfy({ $0 == values[0] }) { return values[0] > bound ? 0 : 1 }
        let m = mean(values)
        let s = standardDeviation(values)
        let t = (m - bound) / (s / Double(values.count).squareRoot())
        return upperTailPValue(t: t, degreesOfFreedom: Double(values.count - 1))
    }

    /// The one-sided paired t-test of paired `differences` (model - baseline, oriented so that
    /// positive is better) against H0: mean difference <= -`margin`. Margin 0 tests
    /// superiority; a margin delta > 0 tests non-inferiority ("not worse by delta or more"):
    /// t = (mean + delta) / (s / sqrt(n)), p = P(T >= t) with n - 1 degrees of freedom.
    /// A negative margin -g tests an improvement of more than g.
    public static func pairedOneSidedPValue(differences: [Double], margin: Double = 0) -> Double {
        oneSidedPValue(differences, above: -margin)
    }
}
