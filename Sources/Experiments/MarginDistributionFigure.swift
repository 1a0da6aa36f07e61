import Plotting

extension ExperimentResults {
    /// The distribution of the training points' exact margins of each model, pooled over its
    /// seeds, as cumulative curves: the fraction of training points (y) whose margin is at
    /// most x. A curve further right keeps more points farther from its boundary; the left
    /// end is the smallest margins, where the large-margin loss should act.
    public func marginDistributionFigure(models chosen: [String]? = nil, title: String? = nil) -> Figure {
        let names = chosen ?? models
        let series = names.enumerated().map { index, model -> Series in
            let margins = trainingMargins(of: model).sorted()
            let fractions = margins.indices.map { Double($0 + 1) / Double(margins.count) }
            return Series(name: model, xs: margins, ys: fractions, style: .lines, colorIndex: index)
        }
        let seedCount = Set(runs.map(\.seed)).count
        return linePlot(
            series: series,
            title: title ?? "training points' exact distance to the boundary, \(seedCount) seeds pooled",
            xLabel: "signed distance to the boundary (negative: misclassified)", yLabel: "fraction of training points",
            yRange: 0...1, legend: .bottomRight)
    }
}
