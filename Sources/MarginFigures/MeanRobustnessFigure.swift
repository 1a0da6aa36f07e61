import Experiments
import Plotting

extension ExperimentResults {
    /// Mean robustness curves over the seeds, one panel per robustness curve side by side
    /// (white-box beside black-box, say), one line per model in the same colour in every
    /// panel; accuracy from 0 to 1 against epsilon, with the clean test accuracy at 0 (see
    /// `meanRobustnessSeries`). The legend is in the last panel.
    ///
    ///     results.meanRobustnessFigure(panels: [("ifgsm_whitebox", "white-box iterative FGSM"),
    ///                                           ("ifgsm_blackbox", "black-box iterative FGSM")],
    ///                                  epsilons: epsilons, dashed: ["large margin + adv. training"])
    ///
    /// - Parameters:
    ///   - panels: Each panel's robustness curve and title (", mean over N seeds" is added).
    ///   - epsilons: The attack sizes the curves were measured at.
    ///   - models: The models drawn, in order; all of them by default.
    ///   - dashed: Models drawn with dashed lines (the adversarially trained ones, say).
    ///   - xLabel: The horizontal axis' label.
    ///   - summary: The figure's one-line description.
    ///   - panelWidth, height: Each panel's size in pixels.
    public func meanRobustnessFigure(
        panels: [(curve: String, title: String)], epsilons: [Double], models chosen: [String]? = nil, dashed: Set<String> = [],
        xLabel: String = "epsilon", summary: String? = nil, panelWidth: Int = 600, height: Int = 460
    ) -> Figure {
        guard !panels.isEmpty else { fatalError("a robustness figure needs at least one panel") }
        let names = chosen ?? models
        let drawn = panels.enumerated().map { index, panel in
            LinePanel(
                series: names.enumerated().map { colour, model in
                    meanRobustnessSeries(model, curve: panel.curve, epsilons: epsilons, colorIndex: colour, dashed: dashed.contains(model))
                },
                title: "\(panel.title), mean over \(seeds.count) seeds", xLabel: xLabel, yLabel: "test accuracy", yRange: 0...1,
                legend: index == panels.count - 1 ? .bottomLeft : .hidden)
        }
        return linePlots(drawn, summary: summary, panelWidth: panelWidth, height: height)
    }
}
