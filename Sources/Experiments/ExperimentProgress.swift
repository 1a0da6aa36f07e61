import Foundation
import NotebookDisplay

/// The one line an experiment shows while it runs ("experiment: 7/20 runs done, 2 running,
/// 0 failed, about 40 s left"), a `ProgressLine`: updated in place in a notebook, rewritten
/// in a terminal, and in a log only its last line. The last line leaves the time out, so a
/// finished notebook's output is the same on every run.
final class ExperimentProgress {
    private let line = ProgressLine(idPrefix: "experiment", minimumInterval: 0.5)
    private let started = Date()
    private let label: String

    /// A progress line that starts with `label`.
    init(label: String) {
        self.label = label
    }

    /// Shows `counts`, at most every half second unless nothing is left to run.
    func show(_ counts: ForkedRuns.Counts) {
        let count = WorkCount(total: counts.total, done: counts.finished, failed: counts.failed, running: counts.running)
        var text = "\(label): \(count.summary(noun: "runs"))"
        if !count.isComplete, let left = count.secondsLeft(elapsed: Date().timeIntervalSince(started)) {
            text += ", about \(Int(left.rounded())) s left"
        }
        line.show(text, force: count.isComplete)
    }

    /// Replaces the line with `text` for good.
    func finish(_ text: String) { line.finish(text) }
}
