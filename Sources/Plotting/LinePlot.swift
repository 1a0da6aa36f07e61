/// Named curves on one pair of axes, with a legend: accuracy against label noise, against
/// the training-set fraction (`logX: true`), against attack size; several models per plot.
///
///     linePlot(series: [
///         Series(name: "cross-entropy", xs: fractions, ys: ceAccuracy),
///         Series(name: "large margin", xs: fractions, ys: lmAccuracy),
///     ], title: "accuracy against training-set size", xLabel: "fraction of the training set",
///        yLabel: "test accuracy", logX: true)
///
/// Points that cannot be drawn (not finite, or not positive on a logarithmic axis) are left out.
public func linePlot(
    series: [Series], title: String = "", xLabel: String = "", yLabel: String = "", logX: Bool = false,
    logY: Bool = false, xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
    legend: LegendPosition = .topRight, width: Int = 640, height: Int = 420, gnuplot: Gnuplot = Gnuplot()
) -> Figure {
    let panel = LinePanel(
        title: title, xLabel: xLabel, yLabel: yLabel, logX: logX, logY: logY, xRange: xRange, yRange: yRange,
        legend: legend, series: series)
    let what = title.isEmpty ? "line plot" : "line plot: \(Figure.oneLine(title))"
    return Figure(
        panels: [panel], summary: "\(what), \(series.count) series", width: width, height: height, gnuplot: gnuplot)
}
