import Experiments
import Plotting

extension ExperimentResults {
    /// How the chosen models of one seed trained, so a reader sees whether they converged:
    /// accuracy on the first training examples (the labels they were trained on, flipped
    /// ones included) and on the validation set at each measurement, against epochs, one
    /// curve per model styled by `ModelCurveStyle`. Models without a training curve (the
    /// untuned baseline, which measures nothing while it trains) are left out.
    ///
    ///     results.trainingCurvesFigure(seed: 0, title: "noise 80%")
    public func trainingCurvesFigure(
        seed: UInt64, models chosen: [String]? = nil, title: String = "", panelWidth: Int = 480, height: Int = 380
    ) -> Figure {
        linePlots(trainingCurvePanels(seed: seed, models: chosen, title: title),
                  summary: "training curves of seed \(seed)\(title.isEmpty ? "" : ", \(title)")", panelWidth: panelWidth, height: height)
    }

    /// The two panels of `trainingCurvesFigure`: training, then validation accuracy.
    func trainingCurvePanels(seed: UInt64, models chosen: [String]?, title: String) -> [LinePanel] {
        let trained = (chosen ?? models).compactMap { model in self.runs(of: model).first { $0.seed == seed && !$0.trainingCurve.isEmpty } }
        guard !trained.isEmpty else { fatalError("no model of seed \(seed) has a training curve: train with a ModelFamily counted in epochs") }
        func curves(_ value: (TrainingCurvePoint) -> Double) -> [Series] {
            trained.map { run in
                Series(name: run.model, xs: run.trainingCurve.map(\.epoch), ys: run.trainingCurve.map(value), style: .lines,
                       colorIndex: ModelCurveStyle.colorIndex(of: run.model), dashed: ModelCurveStyle.isDashed(run.model))
            }
        }
        let heading = title.isEmpty ? "" : "\(title): "
        return [
            LinePanel(series: curves(\.trainingAccuracy), title: "\(heading)accuracy on the training labels", xLabel: "epoch",
                      yLabel: "accuracy", yRange: 0...1, legend: .hidden),
            LinePanel(series: curves(\.validationAccuracy), title: "\(heading)validation accuracy", xLabel: "epoch",
                      yLabel: "accuracy", yRange: 0...1, legend: .bottomRight),
        ]
    }
}

extension ExperimentSeries {
    /// `ExperimentResults.trainingCurvesFigure` for each of `levels`, side by side (two panels
    /// a level, titled by its label).
    ///
    ///     series.trainingCurvesFigure(at: [series.first, series.last], seed: 0)
    public func trainingCurvesFigure(
        at levels: [Level], seed: UInt64, models: [String]? = nil, panelWidth: Int = 420, height: Int = 380
    ) -> Figure {
        guard !levels.isEmpty else { fatalError("a series' training curves need at least one level") }
        let panels = levels.flatMap { $0.results.trainingCurvePanels(seed: seed, models: models, title: $0.label) }
        return linePlots(panels, summary: "training curves of seed \(seed) at \(levels.map(\.label).joined(separator: ", "))",
                         panelWidth: panelWidth, height: height)
    }
}
