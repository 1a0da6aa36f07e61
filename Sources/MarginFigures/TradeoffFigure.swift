import Experiments
import Plotting

extension ExperimentResults {
    /// One quantity against another, means over the seeds, as a trade-off: a line per family of
    /// models (a margin norm, its points the models of its gamma grid in order) and a lone
    /// point per single model (cross-entropy, say). Robust accuracy against clean accuracy
    /// shows what robustness each setting buys and what clean accuracy it costs.
    ///
    ///     results.tradeoffFigure(lines: [("l-inf", ["l-inf, gamma 3", "l-inf, gamma 1"])], points: ["cross-entropy"],
    ///                            y: Quantity.robustAccuracy("strongest_whitebox", epsilon: 0.06),
    ///                            yLabel: "accuracy under the strongest white-box attack")
    ///
    /// - Parameters:
    ///   - lines: Each line's legend entry and its models, in drawing order.
    ///   - points: Models drawn as single points, under their own names.
    ///   - x, y: The quantities on the axes (clean test accuracy across by default).
    ///   - xLabel, yLabel, title: The axes' labels and the panel's title (", mean over N seeds" is added).
    ///   - summary: The figure's one-line description.
    public func tradeoffFigure(
        lines: [(label: String, models: [String])], points: [String] = [], x: String = Quantity.testAccuracy, y: String,
        xLabel: String = "clean test accuracy", yLabel: String, title: String = "trade-off", summary: String? = nil,
        width: Int = 640, height: Int = 480
    ) -> Figure {
        guard !lines.isEmpty || !points.isEmpty else { fatalError("a trade-off figure needs at least one line or point") }
        func means(_ quantity: String, _ models: [String]) -> [Double] { models.map { interval(quantity, of: $0).mean } }
        let drawn = lines.enumerated().map { index, line in
            Series(name: line.label, xs: means(x, line.models), ys: means(y, line.models), style: .linesPoints, colorIndex: index)
        } + points.enumerated().map { index, model in
            Series(name: model, xs: means(x, [model]), ys: means(y, [model]), style: .points, colorIndex: lines.count + index)
        }
        let panel = LinePanel(series: drawn, title: "\(title), mean over \(seeds.count) seeds", xLabel: xLabel, yLabel: yLabel,
                              legend: .bottomLeft)
        return linePlots([panel], summary: summary, panelWidth: width, height: height)
    }
}
