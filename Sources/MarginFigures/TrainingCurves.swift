import Plotting
import Models

/// Training runs side by side in two panels: the loss of every step (logarithmic y) and the
/// accuracy at each evaluation, test accuracy solid and training accuracy dashed in the
/// run's colour.
///
///     trainingCurvesFigure(["cross-entropy": ceHistory, "large margin": lmHistory])
public func trainingCurvesFigure(
    _ runs: KeyValuePairs<String, TrainingHistory>, panelWidth: Int = 480, height: Int = 380, gnuplot: Gnuplot = Gnuplot()
) -> Figure {
    trainingCurvesFigure(runs: runs.map { ($0.key, $0.value) }, panelWidth: panelWidth, height: height, gnuplot: gnuplot)
}

/// The loss and accuracy curves of one training run (see the version for several runs).
///
///     trainingCurvesFigure(history)
public func trainingCurvesFigure(
    _ history: TrainingHistory, name: String = "", panelWidth: Int = 480, height: Int = 380, gnuplot: Gnuplot = Gnuplot()
) -> Figure {
    trainingCurvesFigure(runs: [(name, history)], panelWidth: panelWidth, height: height, gnuplot: gnuplot)
}

/// The two panels of `trainingCurvesFigure` for runs in this order.
func trainingCurvesFigure(runs: [(name: String, history: TrainingHistory)], panelWidth: Int, height: Int, gnuplot: Gnuplot) -> Figure {
    func label(_ name: String, _ what: String) -> String { name.isEmpty ? what : "\(name) \(what)" }
    let losses = runs.enumerated().map { index, run in
        Series(name: label(run.name, "loss"), values: run.history.losses, style: .lines, colorIndex: index)
    }
    var accuracies: [Series] = []
    for (index, run) in runs.enumerated() {
        let evaluations = run.history.evaluations
        let steps = evaluations.map { Double($0.step) }
        let tested = evaluations.filter { $0.testAccuracy != nil }
        if !tested.isEmpty {
            accuracies.append(Series(
                name: label(run.name, "test"), xs: tested.map { Double($0.step) }, ys: tested.map { $0.testAccuracy! },
                colorIndex: index))
        }
        accuracies.append(Series(
            name: label(run.name, "train"), xs: steps, ys: evaluations.map(\.trainingAccuracy), colorIndex: index,
            dashed: true))
    }
    let panels = [
        LinePanel(series: losses, title: "loss per step", xLabel: "step", yLabel: "loss", logY: true),
        LinePanel(series: accuracies, title: "accuracy", xLabel: "step", yLabel: "accuracy", legend: .bottomRight),
    ]
    let count = runs.count == 1 ? "1 run" : "\(runs.count) runs"
    return Figure(
        panels: panels, summary: "training curves, \(count), 2 panels", width: 2 * panelWidth, height: height, gnuplot: gnuplot)
}
