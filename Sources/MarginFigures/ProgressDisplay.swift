import Models
import NotebookDisplay
import Plotting

/// Training progress that updates in place, for `train`'s `onProgress`:
///
///     let progress = ProgressDisplay()
///     train(&model, optimizer: &optimizer, inputs: x, labels: y, options: options, onProgress: progress.report)
///
/// A `ProgressLine`: in a notebook (a `DisplayDestination` is installed when the display is
/// made) one output with a progress bar and a line such as
/// "step 2000/10000  loss 0.002959  4000 steps/s  about 2 s left  train acc 1  test acc 0.968",
/// replaced at every report. Elsewhere one terminal line rewritten after a carriage return,
/// "[######------------------------] 20% step 2000/10000 ...", ended with a newline at the
/// last step, at `finish()`, or when the display is released.
///
/// Reports closer together than `minimumInterval` seconds are skipped, except evaluations
/// and the last step; `finish()` shows a skipped last report. Each instance's display id is
/// fresh (`DisplayID.fresh("progress")`).
public final class ProgressDisplay {
    /// The id of the notebook output this instance updates.
    public var displayID: String { line.displayID }
    private let barWidth: Int
    private let line: ProgressLine
    private var lastEvaluation: Evaluation?

    /// A progress display with a bar `barWidth` characters wide.
    ///
    /// - Parameters:
    ///   - minimumInterval: The shortest time between two shown reports, in seconds.
    ///   - place: Where it shows; by default a notebook when a `DisplayDestination` is
    ///     installed, else a terminal.
    ///   - writer: Where terminal output goes (standard output, flushed, by default).
    public init(
        barWidth: Int = 30, minimumInterval: Double = 0.1, place: ProgressLine.Place? = nil,
        writer: @escaping (String) -> Void = ProgressLine.standardOutput
    ) {
        guard barWidth >= 1 else { fatalError("a progress bar needs a width of at least 1, got \(barWidth)") }
        self.barWidth = barWidth
        line = ProgressLine(idPrefix: "progress", place: place ?? (DisplayDestination.isInstalled ? .notebook : .terminal),
                            minimumInterval: minimumInterval, write: writer)
    }

    deinit { finish() }

    /// Shows `progress` (pass this method as `train`'s `onProgress`).
    public func report(_ progress: TrainingProgress) {
        if let evaluation = progress.evaluation { lastEvaluation = evaluation }
        let isLast = progress.step >= progress.totalSteps
        let text = self.text(for: progress)
        let force = progress.evaluation != nil || isLast
        if line.place == .notebook {
            let html = "<div><progress value=\"\(progress.step)\" max=\"\(max(progress.totalSteps, 1))\" style=\"width: 20em\"></progress> "
                + "<code>\(HTML.escaped(text))</code></div>"
            line.show(text, html: html, force: force)
        } else {
            line.show(bar(for: progress) + text, force: force)
        }
        if isLast { line.finish() }
    }

    /// Shows a report that was skipped for coming too soon and, in a terminal, ends the line.
    /// Safe to call more than once.
    public func finish() {
        line.finish()
    }

    /// The one-line text of a report: step, mean loss, speed and the time left, and the
    /// latest accuracies. The final step's line leaves out the speed and the time, so a
    /// finished run shows the same text every time (a notebook's saved output is
    /// reproducible byte for byte).
    func text(for progress: TrainingProgress) -> String {
        var text = "step \(progress.step)/\(progress.totalSteps)  loss \(ScalarText.significant(progress.loss))"
        if progress.step < progress.totalSteps, progress.stepsPerSecond > 0 {
            text += "  \(Int(progress.stepsPerSecond.rounded())) steps/s"
            let left = Double(progress.totalSteps - progress.step) / progress.stepsPerSecond
            text += "  about \(WorkCount.clock(left)) left"
        }
        if let evaluation = lastEvaluation {
            text += "  train acc \(ScalarText.significant(evaluation.trainingAccuracy, digits: 3))"
            if let test = evaluation.testAccuracy { text += "  test acc \(ScalarText.significant(test, digits: 3))" }
        }
        return text
    }

    /// "[######------------------------] 20% " for the terminal.
    func bar(for progress: TrainingProgress) -> String {
        let fraction = progress.totalSteps > 0 ? min(max(Double(progress.step) / Double(progress.totalSteps), 0), 1) : 1
        return ProgressLine.bar(fraction, width: barWidth) + " \(Int((fraction * 100).rounded(.down)))% "
    }
}
