import Datasets
import Foundation
import Models
import NotebookDisplay
import Plotting
import Tensors

/// What `MarginExplorer` shows for one setting: cross-entropy's and the explored model's
/// boundaries with the ten closest training points' margin balls, the closest half's margin
/// distribution, and the smallest and 10th-percentile margins in words.
public struct MarginExplorerView: RichDisplayable, CustomStringConvertible {
    /// The two boundaries.
    public let boundaries: Figure
    /// The margin distributions.
    public let distribution: Figure
    /// One line per model: its smallest and 10th-percentile training margins.
    public let summary: [String]

    init(
        training: Dataset<Float>, settings: MarginExplorer.Settings,
        crossEntropy: (model: Sequential<Float>, margins: [Double]), explored: (model: Sequential<Float>, margins: [Double])
    ) {
        let name = settings.loss == .softMinimum
            ? "soft minimum, temperature \(settings.temperature)"
            : "hinge, gamma \(settings.gamma), \(settings.norm)\(settings.allLayers ? ", all layers" : ""), CE x\(settings.crossEntropyShare)"
        let models = [("cross-entropy", crossEntropy), (name, explored)]
        boundaries = decisionBoundaryFigure(panels: models.map { title, run in
            DecisionBoundaryPanel(title, model: run.model, training: training, margins: .closest(count: 10, norm: .l2))
        }, resolution: 100, panelWidth: 380, height: 360)
        distribution = linePlot(
            series: models.enumerated().map { index, entry in
                let sorted = entry.1.margins.sorted()
                let shown = Array(sorted.prefix(max(1, sorted.count / 2)))
                return Series(name: entry.0, xs: shown, ys: shown.indices.map { Double($0 + 1) / Double(sorted.count) },
                              style: .lines, colorIndex: index)
            },
            title: "the closest half of the training points", xLabel: "exact l2 margin", yLabel: "fraction of points",
            legend: .bottomRight, width: 420, height: 360)
        summary = models.map { title, run in
            let sorted = run.margins.sorted()
            let p10 = sorted[min(sorted.count - 1, sorted.count / 10)]
            return "\(title): smallest margin \(String(format: "%.3f", sorted.first ?? .nan)), 10th percentile \(String(format: "%.3f", p10))"
        }
    }

    /// The summary lines.
    public var description: String { summary.joined(separator: "\n") }

    /// Both figures side by side as PNG images in HTML, the summary beneath; text elsewhere.
    public var displayBundle: DisplayBundle {
        let images = [boundaries, distribution].map { figure -> String in
            guard let png = try? figure.png() else { return "<p>\(HTML.escaped(figure.description)) (not drawn)</p>" }
            return "<img src=\"data:image/png;base64,\(png.base64EncodedString())\" alt=\"\(HTML.escaped(figure.summary))\"/>"
        }
        let html = "<div style=\"display: flex; flex-wrap: wrap; gap: 8px\">" + images.joined() + "</div>"
            + "<pre>" + HTML.escaped(description) + "</pre>"
        return DisplayBundle(plainText: description, ["text/html": html])
    }
}
