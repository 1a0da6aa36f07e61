extension Statistics {
    /// Holm's step-down adjustment of `pValues` for testing them all at once, in the order
    /// given: with the m p-values in ascending order p_(1) <= ... <= p_(m), the adjusted
    /// p_(i) = max over j <= i of min(1, (m - j + 1) p_(j)). Rejecting where the adjusted value
    /// is at most alpha keeps the chance of any false rejection at most alpha.
    ///
    /// A NaN (a claim that could not be tested) stays NaN and is never rejected, but counts in
    /// m: it was declared as one of the family, so leaving it out would make the others' bar
    /// lower after seeing the data. It sorts after every number, so it raises no other value.
    ///
    ///     Statistics.holmAdjusted([0.01, 0.04, 0.03, 0.005])   // [0.03, 0.06, 0.06, 0.02]
    public static func holmAdjusted(_ pValues: [Double]) -> [Double] {
        for p in pValues where !p.isNaN && !(0...1).contains(p) {
            fatalError("Holm's adjustment needs p-values in [0, 1] (or NaN), got \(p)")
        }
        let m = pValues.count
        let ascending = pValues.indices.filter { !pValues[$0].isNaN }.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
        var adjusted = [Double](repeating: .nan, count: m)
        var largest = 0.0
        for (rank, index) in ascending.enumerated() {
            largest = Swift.max(largest, Swift.min(1, Double(m - rank) * pValues[index]))
            adjusted[index] = largest
        }
        return adjusted
    }
}
