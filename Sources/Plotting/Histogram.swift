/// A named list of values for an overlaid histogram (say, the margins of one model).
public struct HistogramGroup: Sendable, Equatable {
    /// The legend entry.
    public var name: String
    /// The values counted (those that are not finite are left out).
    public var values: [Double]

    /// A group named `name` (the legend entry) of `values`.
    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}

/// A histogram of `values` (say, the distances of the test points to the boundary).
///
///     histogram(values: exactDistances2D(of: test.inputs, norm: .l2, maxRadius: 3) { model($0) },
///               title: "distance to the boundary", xLabel: "l2 distance")
public func histogram(
    values: [Double], bins: Int = 30, title: String = "", xLabel: String = "", yLabel: String? = nil,
    normalized: Bool = false, range: ClosedRange<Double>? = nil, width: Int = 640, height: Int = 420,
    gnuplot: Gnuplot = Gnuplot()
) -> Figure {
    histogram(
        groups: [HistogramGroup(name: "", values: values)], bins: bins, title: title, xLabel: xLabel, yLabel: yLabel,
        normalized: normalized, range: range, legend: .hidden, width: width, height: height, gnuplot: gnuplot)
}

/// Overlaid, semi-transparent histograms of named value lists, in shared bins.
///
///     histogram(groups: ["cross-entropy": ceMargins, "large margin": lmMargins],
///               title: "margins of the test points", xLabel: "l2 distance", normalized: true)
public func histogram(
    groups: KeyValuePairs<String, [Double]>, bins: Int = 30, title: String = "", xLabel: String = "",
    yLabel: String? = nil, normalized: Bool = false, range: ClosedRange<Double>? = nil,
    legend: LegendPosition = .topRight, width: Int = 640, height: Int = 420, gnuplot: Gnuplot = Gnuplot()
) -> Figure {
    histogram(
        groups: groups.map { HistogramGroup(name: $0.key, values: $0.value) }, bins: bins, title: title, xLabel: xLabel,
        yLabel: yLabel, normalized: normalized, range: range, legend: legend, width: width, height: height,
        gnuplot: gnuplot)
}

/// Overlaid, semi-transparent histograms of `groups`, in `bins` equal bins shared by all
/// groups (over `range`, or from the smallest to the largest value). Values that are not
/// finite (an infinite distance: no boundary found) are left out.
///
/// - Parameters:
///   - normalized: Plot densities (each group's bars have area 1) rather than counts, so
///     groups of different sizes compare.
///   - yLabel: nil gives "count" or "density".
public func histogram(
    groups: [HistogramGroup], bins: Int = 30, title: String = "", xLabel: String = "", yLabel: String? = nil,
    normalized: Bool = false, range: ClosedRange<Double>? = nil, legend: LegendPosition = .topRight,
    width: Int = 640, height: Int = 420, gnuplot: Gnuplot = Gnuplot()
) -> Figure {
    let binned = HistogramBins(groups: groups.map(\.values), binCount: bins, range: range)
    var body = ""
    var layers: [String] = []
    for (index, group) in groups.enumerated() {
        let total = binned.counts[index].reduce(0, +)
        let heights = binned.counts[index].map { count -> Double in
            normalized ? (total == 0 ? 0 : Double(count) / (Double(total) * binned.binWidth)) : Double(count)
        }
        body += GnuplotScript.dataBlock(
            "histogram\(index)", rows: zip(binned.centres, heights).map { [$0, $1, binned.binWidth] })
        let color = GnuplotScript.color(ClassColors.color(index))
        let key = group.name.isEmpty ? "notitle" : "title \(GnuplotScript.quoted(group.name))"
        layers.append("$histogram\(index) using 1:2:3 with boxes lc rgb \(color) fs transparent solid 0.45 border \(key)")
    }
    body += "set title \(GnuplotScript.quoted(title))\n"
    body += "set xlabel \(GnuplotScript.quoted(xLabel))\n"
    body += "set ylabel \(GnuplotScript.quoted(yLabel ?? (normalized ? "density" : "count")))\n"
    body += "set xrange \(GnuplotScript.range(binned.edges.first!...binned.edges.last!))\n"
    body += "set yrange [0:*]\n"
    body += "set grid ytics lc rgb \"#dddddd\"\n"
    body += "set tics nomirror\n"
    body += legend.command + "\n"
    body += layers.isEmpty ? "plot NaN notitle\n" : "plot " + layers.joined(separator: ", \\\n     ") + "\n"
    let what = title.isEmpty ? "histogram" : "histogram: \(Figure.oneLine(title))"
    let count = groups.count == 1 ? "1 group" : "\(groups.count) groups"
    return Figure(summary: "\(what), \(count), \(bins) bins", width: width, height: height, body: body, gnuplot: gnuplot)
}
