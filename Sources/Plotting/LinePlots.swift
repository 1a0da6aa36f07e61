/// Line plots side by side in one figure, one `LinePanel` each: accuracy against attack size
/// under a white-box and a black-box attack, say. Each panel is drawn as `linePlot` draws its
/// one panel (its own axes, ranges and legend).
///
///     linePlots([
///         LinePanel(series: whiteBoxCurves, title: "white-box", xLabel: "epsilon", yLabel: "test accuracy",
///                   yRange: 0...1, legend: .hidden),
///         LinePanel(series: blackBoxCurves, title: "black-box", xLabel: "epsilon", yLabel: "test accuracy",
///                   yRange: 0...1, legend: .bottomLeft),
///     ], summary: "accuracy under attack", panelWidth: 600, height: 460)
///
/// - Parameters:
///   - panels: The panels, left to right (at least one).
///   - summary: The figure's one-line description; by default "line plots: " with the
///     panels' titles and their count.
///   - panelWidth: Each panel's width in pixels; the figure is `panels.count` panels wide.
///   - height: The figure's height in pixels.
public func linePlots(
    _ panels: [LinePanel], summary: String? = nil, panelWidth: Int = 480, height: Int = 380, gnuplot: Gnuplot = Gnuplot()
) -> Figure {
    guard !panels.isEmpty else { fatalError("a figure of line plots needs at least one panel") }
    guard panelWidth > 0 && height > 0 else {
        fatalError("line plots need a positive panel width and height, got \(panelWidth) and \(height)")
    }
    let titles = panels.map { Figure.oneLine($0.title) }.filter { !$0.isEmpty }
    let count = panels.count == 1 ? "1 panel" : "\(panels.count) panels"
    let description = summary.map(Figure.oneLine)
        ?? (titles.isEmpty ? "line plots" : "line plots: \(titles.joined(separator: " | "))") + ", \(count)"
    return Figure(panels: panels, summary: description, width: panelWidth * panels.count, height: height, gnuplot: gnuplot)
}
