import Plotting
import Datasets
import Tensors

/// Classifiers of 2-D points side by side, as in Figure 1(b) of Elsayed et al. 2018: in each
/// panel the class regions (the predicted class over a grid, light colours), the decision
/// boundary (black), the test points (light, small), the training points (bold, outlined),
/// each coloured by its label, and optionally each training point's margin (`MarginOverlay`).
///
///     decisionBoundaryFigure(panels: [
///         .withTestAccuracy("cross-entropy", training: trainingSet, test: testSet) { model($0) },
///         .withTestAccuracy("large margin", training: trainingSet, test: testSet, margins: .exact) { marginModel($0) },
///     ])
///
/// Every panel shows the same rectangle with equal units on both axes (so margin circles
/// are round): `range`, or the bounding box of all panels' points padded by 10%. Up to ten
/// classes get distinct colours. The axes are labelled x1 and x2, and a legend under each
/// panel names what is drawn. The classifiers are evaluated here, once; the figure keeps
/// only the drawing.
///
/// - Parameters:
///   - resolution: The grid has `resolution` x `resolution` cells.
///   - panelWidth: Each panel's width in pixels; the figure is `panels.count` panels wide.
///   - height: The figure's height in pixels; by default the height at which the plotted
///     rectangle fills the panel's width (no blank bands above and below it).
public func decisionBoundaryFigure(
    panels: [DecisionBoundaryPanel], range: PlotRange? = nil, resolution: Int = 200, panelWidth: Int = 450,
    height: Int? = nil, gnuplot: Gnuplot = Gnuplot()
) -> Figure {
    guard !panels.isEmpty else { fatalError("a decision-boundary figure needs at least one panel") }
    let shown = range ?? PlotRange(bounding: panels.flatMap { [$0.training?.inputs, $0.test?.inputs].compactMap { $0 } })
    let drawings = panels.map { DecisionBoundaryDrawing(panel: $0, range: shown, resolution: resolution) }
    var body = drawings.enumerated().map { $1.dataBlocks(index: $0) }.joined()
    body += "set multiplot layout 1,\(panels.count)\n"
    body += drawings.enumerated().map { $1.commands(index: $0) }.joined()
    body += "unset multiplot\n"
    let panelCount = panels.count == 1 ? "1 panel" : "\(panels.count) panels"
    return Figure(
        summary: "decision boundaries, \(panelCount)", width: panelWidth * panels.count,
        height: height ?? DecisionBoundaryLayout.fittingHeight(panelWidth: panelWidth, range: shown), body: body,
        gnuplot: gnuplot, svgDisplayLimit: 0)  // PNG only: the class regions make an SVG too large to show
}

/// The space around a decision-boundary panel's plotting area, in pixels, as gnuplot's
/// pngcairo and svg terminals lay it out with the margins the panels set.
enum DecisionBoundaryLayout {
    /// Left and right margins (tick labels and the y label on the left).
    static let horizontalMargins = 70
    /// Title above, tick labels, the x label and two legend rows below.
    static let verticalMargins = 130

    /// The figure height at which a rectangle of `range`'s proportions, drawn with equal
    /// units on both axes, fills a panel `panelWidth` pixels wide.
    static func fittingHeight(panelWidth: Int, range: PlotRange) -> Int {
        let plotWidth = Double(max(panelWidth - horizontalMargins, 50))
        let aspect = (range.y.upperBound - range.y.lowerBound) / (range.x.upperBound - range.x.lowerBound)
        return Int((plotWidth * aspect).rounded()) + verticalMargins
    }
}

/// What one panel draws, computed from its classifier: the grid, the boundary, the points
/// with their colours and the margin circles, and the gnuplot text that draws them.
struct DecisionBoundaryDrawing {
    let title: String
    let grid: DecisionBoundaryGrid
    /// Colours needed: the classifier's logits or the data's classes, whichever is more.
    let classCount: Int
    /// Rows x, y, 0xrrggbb.
    let trainingPoints: [[Double]]
    let testPoints: [[Double]]
    /// Closed polylines, one per training point with a finite margin: rows x, y, 0xrrggbb.
    let marginCircles: [[[Double]]]
    /// The legend entry of the margin balls.
    let marginTitle: String

    init(panel: DecisionBoundaryPanel, range: PlotRange, resolution: Int) {
        title = panel.title
        grid = DecisionBoundaryGrid(range: range, resolution: resolution, classifier: panel.classifier)
        classCount = max(grid.classCount, panel.training?.classCount ?? 0, panel.test?.classCount ?? 0)
        func rows(_ data: Dataset<Float>?, color: (Int) -> Int) -> [[Double]] {
            guard let data else { return [] }
            let xy = data.inputs.scalars
            return data.labels.indices.map { [Double(xy[2 * $0]), Double(xy[2 * $0 + 1]), Double(color(data.labels[$0]))] }
        }
        trainingPoints = rows(panel.training, color: ClassColors.color)
        testPoints = rows(panel.test, color: ClassColors.testPoint)
        if let training = panel.training, panel.margins != .none {
            let radii = panel.margins.radii(of: training.inputs, range: range, classifier: panel.classifier)
            marginCircles = zip(trainingPoints, radii).compactMap { point, radius in
                guard radius.isFinite, radius > 0 else { return nil }
                return MarginOverlay.ball(centre: (point[0], point[1]), radius: radius, norm: panel.margins.norm)
                    .map { [$0.x, $0.y, point[2]] }
            }
        } else {
            marginCircles = []
        }
        marginTitle = panel.margins.legendTitle
    }

    /// The grid as image rows (x, y, class; a blank line after each row of the grid).
    var regionRows: [[Double]] {
        var rows: [[Double]] = []
        rows.reserveCapacity(grid.resolution * (grid.resolution + 1))
        for row in 0..<grid.resolution {
            for column in 0..<grid.resolution {
                rows.append([grid.xs[column], grid.ys[row], Double(grid.predictedClass(column: column, row: row))])
            }
            rows.append([])
        }
        return rows
    }

    /// The data blocks of panel `index`; the empty ones are left out.
    func dataBlocks(index: Int) -> String {
        var text = GnuplotScript.dataBlock("regions\(index)", rows: regionRows)
        if !grid.boundary.isEmpty {
            text += GnuplotScript.dataBlock(
                "boundary\(index)", rows: grid.boundary.flatMap { [[$0.start.x, $0.start.y], [$0.end.x, $0.end.y], []] })
        }
        if !testPoints.isEmpty { text += GnuplotScript.dataBlock("test\(index)", rows: testPoints) }
        if !marginCircles.isEmpty { text += GnuplotScript.dataBlock("margins\(index)", rows: marginCircles.flatMap { $0 + [[]] }) }
        if !trainingPoints.isEmpty { text += GnuplotScript.dataBlock("training\(index)", rows: trainingPoints) }
        return text
    }

    /// gnuplot sizes a legend column for its longest entry with a wider character than the
    /// font draws; narrowing columns by a quarter of that length (in characters) puts the
    /// entries in two columns under a 450-pixel panel without overlapping them.
    var legendWidthAdjustment: Int {
        let longest = (["decision boundary", "test points", "training points"] + [marginTitle]).map(\.count).max()!
        return -(longest / 4)
    }

    /// The settings and plot command of panel `index` inside the multiplot.
    func commands(index: Int) -> String {
        // Class k is drawn at value k; palette stop k...k+1 has class k's colour, so with the
        // colour range [-0.5, K - 0.5] every class gets exactly its colour.
        let stops = (0..<classCount).map { k in
            let color = GnuplotScript.color(ClassColors.region(k))
            return "\(k) \(color), \(k + 1) \(color)"
        }.joined(separator: ", ")
        var text = """
            reset
            set title \(GnuplotScript.quoted(title))
            set xrange \(GnuplotScript.range(grid.range.x))
            set yrange \(GnuplotScript.range(grid.range.y))
            set size ratio -1
            set tics out nomirror
            set xlabel "x1"
            set ylabel "x2"
            set key below center horizontal Left reverse samplen 1 width \(legendWidthAdjustment) maxcols 2 font ",9"
            unset colorbox
            set palette defined (\(stops))
            set cbrange [-0.5:\(classCount)-0.5]

            """
        var layers = ["$regions\(index) using 1:2:3 with image notitle"]
        if !grid.boundary.isEmpty {
            layers.append("$boundary\(index) using 1:2 with lines lw 2 lc rgb \"#000000\" title \"decision boundary\"")
        }
        if !testPoints.isEmpty {
            layers.append("$test\(index) using 1:2:3 with points pt 7 ps 0.45 lc rgb variable notitle")
            layers.append("keyentry with points pt 7 ps 0.6 lc rgb \"#888888\" title \"test points\"")
        }
        if !marginCircles.isEmpty {
            layers.append("$margins\(index) using 1:2:3 with lines lw 1.2 lc rgb variable notitle")
            layers.append("keyentry with lines lw 1.2 lc rgb \"#555555\" title \(GnuplotScript.quoted(marginTitle))")
        }
        if !trainingPoints.isEmpty {
            layers.append("$training\(index) using 1:2:3 with points pt 7 ps 1.3 lc rgb variable notitle")
            layers.append("$training\(index) using 1:2 with points pt 6 ps 1.3 lw 1.2 lc rgb \"#000000\" notitle")
            layers.append("keyentry with points pt 7 ps 1.3 lc rgb \"#555555\" title \"training points\"")
        }
        text += "plot " + layers.joined(separator: ", \\\n     ") + "\n"
        return text
    }
}
