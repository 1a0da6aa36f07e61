#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Models
import Plotting
import NotebookDisplay
import Synchronization

/// Training progress that updates in place, for `train`'s `onProgress`:
///
///     let progress = ProgressDisplay()
///     train(&model, optimizer: &optimizer, inputs: x, labels: y, options: options, onProgress: progress.report)
///
/// In a notebook (a `DisplayDestination` is installed when the first report arrives) it
/// shows one output with a progress bar and a line such as
/// "step 2000/10000  loss 0.002959  4000 steps/s  train acc 1.000  test acc 0.968" and
/// replaces it at every report. In a terminal it rewrites one line with carriage returns,
/// "\r[######------------------------] 20% step 2000/10000 ...", and ends it with a newline
/// at the last step, at `finish()`, or when the display is released.
///
/// Reports closer together than `minimumInterval` seconds are skipped, except evaluations
/// and the last step; `finish()` shows a skipped last report. Each instance's display id
/// is "progress-1", "progress-2", ... in the order they are made, so a notebook run again
/// from the start gets the same ids.
public final class ProgressDisplay {
    /// The id of the notebook output this instance updates.
    public let displayID: String
    private let barWidth: Int
    private let minimumInterval: Double
    private let write: (String) -> Void
    private var showsInNotebook: Bool?
    private var hasShownInNotebook = false
    private var lastShownAt: ContinuousClock.Instant?
    private var unshown: TrainingProgress?
    private var lastEvaluation: Evaluation?
    private var terminalLineLength = 0
    private var terminalLineOpen = false

    private static let instances = Atomic<Int>(0)

    /// A progress display with a bar `barWidth` characters wide.
    ///
    /// - Parameters:
    ///   - minimumInterval: The shortest time between two shown reports, in seconds.
    ///   - writer: Where terminal output goes (standard output, flushed, by default).
    public init(barWidth: Int = 30, minimumInterval: Double = 0.1, writer: @escaping (String) -> Void = ProgressDisplay.writeToStandardOutput) {
        guard barWidth >= 1 else { fatalError("a progress bar needs a width of at least 1, got \(barWidth)") }
        displayID = "progress-\(Self.instances.add(1, ordering: .relaxed).newValue)"
        self.barWidth = barWidth
        self.minimumInterval = minimumInterval
        self.write = writer
    }

    deinit { finish() }

    /// Shows `progress` (pass this method as `train`'s `onProgress`).
    public func report(_ progress: TrainingProgress) {
        if let evaluation = progress.evaluation { lastEvaluation = evaluation }
        let now = ContinuousClock.now
        let due = lastShownAt.map { Self.seconds(now - $0) >= minimumInterval } ?? true
        guard due || progress.evaluation != nil || progress.step >= progress.totalSteps else {
            unshown = progress
            return
        }
        show(progress)
        lastShownAt = now
        if progress.step >= progress.totalSteps { endTerminalLine() }
    }

    /// Shows a report that was skipped for coming too soon and, in a terminal, ends the line.
    /// Safe to call more than once.
    public func finish() {
        if let unshown { show(unshown) }
        endTerminalLine()
    }

    /// The one-line text of a report: step, mean loss, speed, and the latest accuracies. The
    /// final step's line leaves out the speed, so a finished run shows the same text every
    /// time (a notebook's saved output is reproducible byte for byte).
    func line(for progress: TrainingProgress) -> String {
        var line = "step \(progress.step)/\(progress.totalSteps)  loss \(ScalarText.significant(progress.loss))"
        if progress.step < progress.totalSteps {
            line += "  \(Int(progress.stepsPerSecond.rounded())) steps/s"
        }
        if let evaluation = lastEvaluation {
            line += "  train acc \(ScalarText.significant(evaluation.trainingAccuracy, digits: 3))"
            if let test = evaluation.testAccuracy { line += "  test acc \(ScalarText.significant(test, digits: 3))" }
        }
        return line
    }

    /// The fraction done, in [0, 1].
    private func fraction(_ progress: TrainingProgress) -> Double {
        progress.totalSteps > 0 ? min(max(Double(progress.step) / Double(progress.totalSteps), 0), 1) : 1
    }

    /// "[######------------------------] 20% " for the terminal.
    func bar(for progress: TrainingProgress) -> String {
        let done = fraction(progress)
        let filled = Int((done * Double(barWidth)).rounded(.down))
        let percent = Int((done * 100).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "] \(percent)% "
    }

    private func show(_ progress: TrainingProgress) {
        unshown = nil
        let text = line(for: progress)
        let inNotebook = showsInNotebook ?? DisplayDestination.isInstalled
        if showsInNotebook == nil { showsInNotebook = inNotebook }
        if inNotebook {
            let html = "<div><progress value=\"\(progress.step)\" max=\"\(max(progress.totalSteps, 1))\" style=\"width: 20em\"></progress> <code>\(HTML.escaped(text))</code></div>"
            let bundle = DisplayBundle(plainText: text, ["text/html": html])
            if hasShownInNotebook {
                updateDisplay(bundle, id: displayID)
            } else {
                display(bundle, id: displayID)
                hasShownInNotebook = true
            }
        } else {
            let terminalLine = bar(for: progress) + text
            let padding = String(repeating: " ", count: max(0, terminalLineLength - terminalLine.count))
            write("\r" + terminalLine + padding)
            terminalLineLength = terminalLine.count
            terminalLineOpen = true
        }
    }

    private func endTerminalLine() {
        guard terminalLineOpen else { return }
        write("\n")
        terminalLineOpen = false
        terminalLineLength = 0
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Writes `text` to standard output and flushes it, so a line without a newline appears.
    public static func writeToStandardOutput(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }
}
