#if canImport(Glibc)
import Glibc
#endif
import Foundation
import NotebookDisplay
import Synchronization

/// The one line an experiment shows while it runs ("runs: 7/20 done, 2 running, 0 failed,
/// about 40 s left"), updated in place in a notebook and rewritten with carriage returns in a
/// terminal. The last line leaves the time out, so a finished notebook's output is the same
/// on every run.
final class ExperimentProgress {
    private let displayID: String
    private let inNotebook = DisplayDestination.isInstalled
    private let started = ContinuousClock.now
    private var lastShown: ContinuousClock.Instant?
    private var shownOnce = false
    private let label: String

    private static let instances = Atomic<Int>(0)

    /// A progress line that starts with `label`.
    init(label: String) {
        self.label = label
        displayID = "experiment-\(Self.instances.add(1, ordering: .relaxed).newValue)"
    }

    /// Shows `counts`, at most every half second unless nothing is left to run.
    func show(_ counts: ForkedRuns.Counts) {
        let now = ContinuousClock.now
        let ended = counts.finished + counts.failed
        let last = ended == counts.total
        if !last, let lastShown, now - lastShown < .milliseconds(500) { return }
        lastShown = now
        var line = "\(label): \(ended)/\(counts.total) runs done, \(counts.running) running, \(counts.failed) failed"
        if !last, counts.finished > 0 {
            let elapsed = Double((now - started).components.seconds)
            let perRun = elapsed / Double(ended)
            let left = perRun * Double(counts.total - ended) / Double(Swift.max(counts.running, 1))
            line += ", about \(Int(left.rounded())) s left"
        }
        write(line, final: false)
    }

    /// Replaces the line with `text` for good.
    func finish(_ text: String) { write(text, final: true) }

    private func write(_ line: String, final: Bool) {
        if inNotebook {
            if shownOnce { updateDisplay(ProgressLine(text: line), id: displayID) } else { display(ProgressLine(text: line), id: displayID) }
            shownOnce = true
        } else if isatty(STDOUT_FILENO) != 0 {
            print("\r" + line + "\u{1B}[K", terminator: final ? "\n" : "")
            fflush(stdout)
        } else if final {
            print(line)
        }
    }

    /// The text of one progress line, shown as plain text.
    private struct ProgressLine: RichDisplayable {
        var text: String
        var displayBundle: DisplayBundle { DisplayBundle(plainText: text) }
    }
}
