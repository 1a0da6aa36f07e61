import Experiments
import Plotting

/// Each point's linearised distance (up) against its exact distance (across), one series
/// of dots per named set (`LinearizedAndExactDistances`: a norm, a model), with the dashed
/// diagonal on which the linearisation is exact: dots above it are points eq. 7 puts
/// farther from the boundary than it is.
///
///     linearizedAgainstExactFigure([("l2", distances)], title: "deep network, seed 0")
public func linearizedAgainstExactFigure(
    _ sets: [(name: String, distances: LinearizedAndExactDistances)], title: String = "", width: Int = 640, height: Int = 420,
    gnuplot: Gnuplot = Gnuplot()
) -> Figure {
    let top = sets.flatMap { $0.distances.linearized + $0.distances.exact }.filter(\.isFinite).max() ?? 1
    let dots = sets.map { name, distances in Series(name: name, xs: distances.exact, ys: distances.linearized, style: .points) }
    let diagonal = Series(name: "exact = linearised", xs: [0, top], ys: [0, top], style: .lines, dashed: true)
    return linePlot(
        series: dots + [diagonal], title: title, xLabel: "exact distance", yLabel: "linearised distance", legend: .topLeft,
        width: width, height: height, gnuplot: gnuplot)
}
