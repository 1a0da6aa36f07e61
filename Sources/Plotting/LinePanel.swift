/// The axes of one line plot: labelled axes, linear or logarithmic, with named series.
/// Several panels make a multi-panel figure, side by side (`linePlots(_:)`).
///
///     let whiteBox = LinePanel(series: [...], title: "white-box", xLabel: "epsilon", yLabel: "accuracy")
///     let blackBox = LinePanel(series: [...], title: "black-box", xLabel: "epsilon", yLabel: "accuracy")
///     linePlots([whiteBox, blackBox], panelWidth: 600, height: 460)
public struct LinePanel: Sendable {
    /// The panel's title.
    public var title: String
    /// The horizontal axis' label.
    public var xLabel: String
    /// The vertical axis' label.
    public var yLabel: String
    /// A logarithmic horizontal axis (points with x <= 0 are left out).
    public var logX = false
    /// A logarithmic vertical axis (points with y <= 0 are left out).
    public var logY = false
    /// The horizontal range shown; nil: gnuplot's automatic range.
    public var xRange: ClosedRange<Double>? = nil
    /// The vertical range shown; nil: gnuplot's automatic range.
    public var yRange: ClosedRange<Double>? = nil
    /// Where the legend goes (`.hidden`: none).
    public var legend: LegendPosition = .topRight
    /// The curves, drawn in order.
    public var series: [Series]

    /// The points of series `index` that can be drawn: both coordinates finite, and
    /// positive on a logarithmic axis; with error bars, each point's half-height third (0
    /// where it is not finite).
    func drawablePoints(of index: Int) -> [[Double]] {
        let entry = series[index]
        return entry.xs.indices.compactMap { i in
            let (x, y) = (entry.xs[i], entry.ys[i])
            guard x.isFinite, y.isFinite, !logX || x > 0, !logY || y > 0 else { return nil }
            guard let errors = entry.errors else { return [x, y] }
            return [x, y, errors[i].isFinite ? abs(errors[i]) : 0]
        }
    }

    /// One data block per series with points, named `prefix` + its index.
    func dataBlocks(prefix: String) -> String {
        series.indices.map { index in
            let points = drawablePoints(of: index)
            return points.isEmpty ? "" : GnuplotScript.dataBlock("\(prefix)\(index)", rows: points)
        }.joined()
    }

    /// The settings and the plot command (after `reset`).
    func commands(prefix: String) -> String {
        let layers = series.indices.compactMap { index -> String? in
            guard !drawablePoints(of: index).isEmpty else { return nil }
            let entry = series[index]
            let color = GnuplotScript.color(ClassColors.color(entry.colorIndex ?? index))
            let dash = entry.dashed ? " dt 2" : ""
            let style: String
            switch (entry.style, entry.errors != nil) {
            case (.lines, false): style = "lines lw 2\(dash)"
            case (.points, false): style = "points pt 7 ps 0.8"
            case (.linesPoints, false): style = "linespoints lw 2\(dash) pt 7 ps 0.8"
            case (.lines, true): style = "yerrorlines lw 2\(dash) pt -1"
            case (.points, true): style = "yerrorbars pt 7 ps 0.8"
            case (.linesPoints, true): style = "yerrorlines lw 2\(dash) pt 7 ps 0.8"
            }
            let columns = entry.errors == nil ? "1:2" : "1:2:3"
            return "$\(prefix)\(index) using \(columns) with \(style) lc rgb \(color) title \(GnuplotScript.quoted(entry.name))"
        }
        var text = "reset\n"
        text += "set title \(GnuplotScript.quoted(title))\n"
        text += "set xlabel \(GnuplotScript.quoted(xLabel))\n"
        text += "set ylabel \(GnuplotScript.quoted(yLabel))\n"
        text += "set grid lc rgb \"#dddddd\"\n"
        text += "set tics nomirror\n"
        guard !layers.isEmpty else {
            // Nothing to draw: empty linear axes that say so, rather than gnuplot's range error.
            text += "set label 1 \"no data\" at graph 0.5, graph 0.5 center\n"
            return text + "plot [0:1] [0:1] NaN notitle\n"
        }
        // Logarithmic ticks as 0.001, 0.01, 0.1, 1 (gnuplot's default pads them to 1.000000).
        if logX { text += "set logscale x\nset format x \"%g\"\n" }
        if logY { text += "set logscale y\nset format y \"%g\"\n" }
        if let xRange { text += "set xrange \(GnuplotScript.range(xRange))\n" }
        if let yRange { text += "set yrange \(GnuplotScript.range(yRange))\n" }
        text += legend.command + "\n"
        return text + "plot " + layers.joined(separator: ", \\\n     ") + "\n"
    }
}

extension LinePanel {
    /// A panel with the arguments of `linePlot(series:title:xLabel:yLabel:...)` but the
    /// figure's size: the same axes as that one-panel figure, to put beside others with
    /// `linePlots(_:)`.
    public init(
        series: [Series], title: String = "", xLabel: String = "", yLabel: String = "", logX: Bool = false,
        logY: Bool = false, xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil,
        legend: LegendPosition = .topRight
    ) {
        self.init(
            title: title, xLabel: xLabel, yLabel: yLabel, logX: logX, logY: logY, xRange: xRange, yRange: yRange,
            legend: legend, series: series)
    }
}

extension Figure {
    /// Line-plot panels side by side (one panel: a plain plot), `width` x `height` in all.
    public init(panels: [LinePanel], summary: String, width: Int, height: Int, gnuplot: Gnuplot = Gnuplot()) {
        let prefixes = panels.indices.map { "series\($0)_" }
        var body = zip(panels, prefixes).map { $0.dataBlocks(prefix: $1) }.joined()
        if panels.count > 1 { body += "set multiplot layout 1,\(panels.count)\n" }
        body += zip(panels, prefixes).map { $0.commands(prefix: $1) }.joined()
        if panels.count > 1 { body += "unset multiplot\n" }
        self.init(summary: summary, width: width, height: height, body: body, gnuplot: gnuplot)
    }
}
