import Experiments
import Plotting

extension ExperimentSeries {
    /// The paper's figure of a series: each model's mean `quantity` against the setting's
    /// value (the levels that measured it), one curve per model styled by `ModelCurveStyle`,
    /// and a dotted chance line at `chance` when given. A logarithmic x axis gets a margin of
    /// half a step on each side.
    ///
    ///     series.meanFigure(Quantity.testAccuracy, title: "test accuracy against label noise",
    ///                       xLabel: "fraction of training labels flipped", chance: 0.1)
    public func meanFigure(
        _ quantity: String, title: String, xLabel: String, yLabel: String? = nil, logX: Bool = false,
        yRange: ClosedRange<Double>? = 0...1, chance: Double? = nil, legend: LegendPosition = .outsideRight, width: Int = 1000
    ) -> Figure {
        let measured = levels.filter { $0.results.quantities.contains(quantity) }
        let xs = measured.map(\.value)
        let curves = models.map { model in
            Series(name: model, xs: xs, ys: measured.map { $0.results.interval(quantity, of: model).mean },
                   colorIndex: ModelCurveStyle.colorIndex(of: model), dashed: ModelCurveStyle.isDashed(model))
        }
        let chanceLine = chance.map { [Series(name: "chance", xs: [values.min()!, values.max()!], ys: [$0, $0], style: .lines, colorIndex: 7, dashed: true)] } ?? []
        return linePlot(
            series: curves + chanceLine, title: title, xLabel: xLabel, yLabel: yLabel ?? "mean \(quantity)", logX: logX,
            xRange: logX ? logRange : nil, yRange: yRange, legend: legend, width: width)
    }

    /// Every other model's mean `quantity` minus `baseline`'s against the setting's value,
    /// paired by seed, with 95% intervals as bars and the baseline as the zero line.
    public func differenceFigure(
        against baseline: String, on quantity: String, title: String, xLabel: String, yLabel: String? = nil, logX: Bool = false,
        legend: LegendPosition = .outsideRight, width: Int = 1000
    ) -> Figure {
        let curves = models.filter { $0 != baseline }.map { model in
            let differences = results.map { $0.comparison(model, against: baseline, on: quantity).difference }
            return Series(name: model, xs: values, ys: differences.map(\.mean), errors: differences.map(\.halfWidth),
                          colorIndex: ModelCurveStyle.colorIndex(of: model), dashed: ModelCurveStyle.isDashed(model))
        }
        let zero = Series(name: baseline, xs: [values.min()!, values.max()!], ys: [0, 0], style: .lines, colorIndex: ModelCurveStyle.colorIndex(of: baseline))
        return linePlot(
            series: curves + [zero], title: title, xLabel: xLabel, yLabel: yLabel ?? "difference in \(quantity)", logX: logX,
            xRange: logX ? logRange : nil, legend: legend, width: width)
    }

    /// The values' range widened by a factor of 1.5 each way, for a logarithmic axis.
    private var logRange: ClosedRange<Double> { (values.min()! / 1.5)...(values.max()! * 1.5) }
}
