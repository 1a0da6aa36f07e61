import Plotting
import Attacks

/// Accuracy against attack size for several models, one curve each (from
/// `robustAccuracy(of:on:under:epsilons:)`), accuracy from 0 to 1.
///
///     robustnessFigure(["cross-entropy": ceCurve, "large margin": lmCurve])
///
/// The title defaults to the first curve's attack and setting, e.g. "white-box accuracy
/// under PGD l2".
public func robustnessFigure(
    _ curves: KeyValuePairs<String, RobustAccuracy>, title: String? = nil, xLabel: String = "epsilon",
    width: Int = 640, height: Int = 420, gnuplot: Gnuplot = Gnuplot()
) -> Figure {
    let series = curves.map { name, curve in
        Series(name: name, xs: curve.points.map(\.epsilon), ys: curve.accuracies)
    }
    let heading = title ?? curves.first.map { RobustnessTable.heading(of: $0.value) } ?? "accuracy under attack"
    return linePlot(
        series: series, title: heading, xLabel: xLabel, yLabel: "accuracy", yRange: 0...1, legend: .bottomLeft,
        width: width, height: height, gnuplot: gnuplot)
}
