/// Several lists of values counted in the same equal-width bins (so overlaid histograms
/// line up). Values that are not finite, or outside a given range, are not counted; a value
/// on the upper edge falls in the last bin.
struct HistogramBins: Equatable {
    /// `binCount + 1` increasing edges.
    let edges: [Double]
    /// `counts[group][bin]`.
    let counts: [[Int]]

    /// - Parameters:
    ///   - range: The span of the bins; nil: from the smallest to the largest finite value
    ///     of all groups (a single value v gets [v - 0.5, v + 0.5]; no values, [0, 1]).
    init(groups: [[Double]], binCount: Int, range: ClosedRange<Double>? = nil) {
        guard binCount >= 1 else { fatalError("a histogram needs at least one bin, got \(binCount)") }
        let finite = groups.joined().filter(\.isFinite)
        var low = range?.lowerBound ?? finite.min() ?? 0
        var high = range?.upperBound ?? finite.max() ?? 1
        if !(high > low) {
            low -= 0.5
            high += 0.5
        }
        let width = (high - low) / Double(binCount)
        edges = (0...binCount).map { $0 == binCount ? high : low + Double($0) * width }
        counts = groups.map { values in
            var counts = [Int](repeating: 0, count: binCount)
            for value in values where value.isFinite && value >= low && value <= high {
                counts[min(Int((value - low) / width), binCount - 1)] += 1
            }
            return counts
        }
    }

    /// The middle of each bin.
    var centres: [Double] { zip(edges, edges.dropFirst()).map { ($0 + $1) / 2 } }

    /// The width of every bin.
    var binWidth: Double { edges[1] - edges[0] }
}
