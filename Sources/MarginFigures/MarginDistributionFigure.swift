import Experiments
import Plotting

extension ExperimentResults {
    /// The distribution of the training points' exact margins of each model, pooled over its
    /// seeds, as cumulative curves: the fraction of training points (y) whose margin is at
    /// most x. A curve further right keeps more points farther from its boundary; the left
    /// end is the smallest margins, where the large-margin loss should act; `upToFraction`
    /// below 1 shows only that closest share of the points, enlarged.
    public func marginDistributionFigure(models chosen: [String]? = nil, upToFraction: Double = 1, title: String? = nil) -> Figure {
        guard upToFraction > 0 && upToFraction <= 1 else { fatalError("upToFraction must be in (0, 1], got \(upToFraction)") }
        let names = chosen ?? models
        let series = names.enumerated().map { index, model -> Series in
            let margins = trainingMargins(of: model).sorted()
            let shown = Swift.min(margins.count, Int((upToFraction * Double(margins.count)).rounded(.up)) + 1)
            let fractions = (0..<shown).map { Double($0 + 1) / Double(margins.count) }
            return Series(name: model, xs: Array(margins.prefix(shown)), ys: fractions, style: .lines, colorIndex: index)
        }
        let seedCount = Set(runs.map(\.seed)).count
        let share = upToFraction < 1 ? "the closest \(Int((upToFraction * 100).rounded()))% of " : ""
        return linePlot(
            series: series,
            title: title ?? "\(share)training points' exact distance to the boundary, \(seedCount) seeds pooled",
            xLabel: "signed distance to the boundary (negative: misclassified)", yLabel: "fraction of training points",
            yRange: 0...upToFraction, legend: .bottomRight)
    }
}
