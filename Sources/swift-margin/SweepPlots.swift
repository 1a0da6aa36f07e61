import Foundation
import Plotting
import Sweeps

/// A sweep's plots: for each quantity, its mean over seeds against the first swept parameter,
/// a line per model (and combination of the other swept parameters), the 95% interval dashed
/// in the same colour; drawn by the project's Plotting module into DIR/plots/QUANTITY.png.
enum SweepPlots {
    /// Draws every quantity's plot into `folder`; returns the files written.
    static func draw(_ summary: SweepSummary, notebookName: String, into folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [URL] = []
        for quantity in summary.quantities {
            let file = folder.appendingPathComponent(fileName(for: quantity) + ".png")
            try figure(summary, quantity: quantity, notebookName: notebookName).save(to: file.path)
            written.append(file)
        }
        return written
    }

    /// The figure of one quantity.
    static func figure(_ summary: SweepSummary, quantity: String, notebookName: String) -> Figure {
        let lines = summary.lines(for: quantity)
        var series: [Series] = []
        for (index, line) in lines.enumerated() {
            let color = index % 10
            series.append(Series(name: line.name, xs: line.xs, ys: line.means, colorIndex: color))
            // The interval's ends, dashed, without legend entries (an empty title has none).
            series.append(Series(name: "", xs: line.xs, ys: line.lowers, style: .lines, colorIndex: color, dashed: true))
            series.append(Series(name: "", xs: line.xs, ys: line.uppers, style: .lines, colorIndex: color, dashed: true))
        }
        let xName = summary.keyNames[0]
        let categories = summary.xAxis(for: quantity).categories
        let xLabel = categories.map { list in
            "\(xName) (" + list.enumerated().map { "\($0 + 1) = \($1)" }.joined(separator: ", ") + ")"
        } ?? xName
        return linePlot(
            series: series, title: "\(notebookName): \(quantity) against \(xName) (mean; dashed: 95% interval over seeds)",
            xLabel: xLabel, yLabel: quantity, legend: .outsideRight, width: 1100, height: 440)
    }

    /// A quantity's name as a file name: letters, digits, `-` and `_` kept, others `_`.
    static func fileName(for quantity: String) -> String {
        String(quantity.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
    }
}
