#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// One line that says how far a long job is, shown where its output goes: in a notebook one
/// output, replaced at every update (`display`/`updateDisplay` with the line's display id);
/// in a terminal one line rewritten in place after a carriage return, with lines of their own
/// (`say`) going above it; in a log (standard output is not a terminal) a line at a time, at
/// most every `logInterval` seconds. Experiments, sweeps and the training display all show
/// their progress through it, with `WorkCount` for "5/12 done, 2 running, 1 failed" and the
/// time left.
///
///     let line = ProgressLine(idPrefix: "experiment")
///     line.show("runs: 3/20 done")            // at most every `minimumInterval` seconds
///     line.finish("runs: 20/20 done")         // shown whatever the interval; the line ends
public final class ProgressLine {
    /// Where the line is shown.
    public enum Place: Sendable, Equatable {
        /// One notebook output, replaced at each update.
        case notebook
        /// One terminal line, rewritten in place.
        case terminal
        /// A log: a line at a time.
        case log
    }

    /// The id of the notebook output this line updates: the prefix and a fresh suffix
    /// ("progress-5f0c...", see `DisplayID.fresh`).
    public let displayID: String
    /// Where it is shown.
    public let place: Place
    private let minimumInterval: Double
    private let logInterval: Double?
    private let write: (String) -> Void
    private var lastShown: ContinuousClock.Instant?
    private var shownInNotebook = false
    private var terminalLineOpen = false
    private var heldBack: (text: String, html: String?)?

    /// A progress line.
    ///
    /// - Parameters:
    ///   - idPrefix: The display id's prefix.
    ///   - place: Where it is shown; by default a notebook when a `DisplayDestination` is
    ///     installed, else a terminal when standard output is one, else a log.
    ///   - minimumInterval: In a notebook or a terminal, the shortest time between two updates
    ///     in seconds (`show(_:force:)` with `force` and `finish` always show).
    ///   - logInterval: In a log, the shortest time between two lines; nil: only `finish`'s.
    ///   - write: Where terminal and log text goes (standard output, flushed, by default).
    public init(
        idPrefix: String, place: Place? = nil, minimumInterval: Double = 0.25, logInterval: Double? = nil,
        write: @escaping (String) -> Void = ProgressLine.standardOutput
    ) {
        displayID = DisplayID.fresh(idPrefix)
        self.place = place ?? (DisplayDestination.isInstalled ? .notebook : isatty(STDOUT_FILENO) != 0 ? .terminal : .log)
        self.minimumInterval = minimumInterval
        self.logInterval = logInterval
        self.write = write
    }

    /// Shows `text` (and `html` in a notebook), unless the last update was less than the
    /// interval ago and `force` is false; then it is held back for `finish()`.
    public func show(_ text: String, html: String? = nil, force: Bool = false) {
        let now = ContinuousClock.now
        // A log without an interval shows only what is forced or finished.
        let interval = place == .log ? logInterval : minimumInterval
        var due = force
        if !due, let interval {
            due = lastShown.map { Self.seconds(now - $0) >= interval } ?? true
        }
        guard due else {
            heldBack = (text, html)
            return
        }
        heldBack = nil
        lastShown = now
        put(text, html: html)
    }

    /// A line of its own: above the progress line in a terminal, a line in a log, standard
    /// output in a notebook.
    public func say(_ message: String) {
        switch place {
        case .terminal where terminalLineOpen:
            write("\r\u{1B}[K" + message + "\n")
            terminalLineOpen = false
        case .terminal, .log:
            write(message + "\n")
        case .notebook:
            print(message)
        }
    }

    /// Shows `text` (or what was held back) whatever the interval, and ends a terminal line.
    /// Safe to call more than once.
    public func finish(_ text: String? = nil, html: String? = nil) {
        if let text {
            put(text, html: html)
        } else if let heldBack {
            put(heldBack.text, html: heldBack.html)
        }
        heldBack = nil
        if terminalLineOpen {
            write("\n")
            terminalLineOpen = false
        }
    }

    private func put(_ text: String, html: String?) {
        switch place {
        case .notebook:
            let bundle = html.map { DisplayBundle(plainText: text, ["text/html": $0]) } ?? DisplayBundle(plainText: text)
            if shownInNotebook { updateDisplay(bundle, id: displayID) } else { display(bundle, id: displayID) }
            shownInNotebook = true
        case .terminal:
            write("\r\u{1B}[K" + text)
            terminalLineOpen = true
        case .log:
            write(text + "\n")
        }
    }

    /// "[######--------------] " for `fraction` in [0, 1] (clamped), `width` marks wide.
    public static func bar(_ fraction: Double, width: Int, filled: Character = "#", empty: Character = "-") -> String {
        let shown = Int((Swift.min(Swift.max(fraction.isFinite ? fraction : 0, 0), 1) * Double(width)).rounded(.down))
        return "[" + String(repeating: filled, count: shown) + String(repeating: empty, count: width - shown) + "]"
    }

    /// Writes `text` to standard output at once. With SIGPIPE ignored, output to a closed pipe
    /// (`swift-margin sweep ... | head`) is dropped and the job goes on.
    public static func standardOutput(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// How far a job of `total` units is: done, failed and running, and the time left.
public struct WorkCount: Sendable, Equatable {
    public var total: Int
    public var done = 0
    public var failed = 0
    public var running = 0

    /// A count of `total` units, none started.
    public init(total: Int, done: Int = 0, failed: Int = 0, running: Int = 0) {
        self.total = total
        self.done = done
        self.failed = failed
        self.running = running
    }

    /// Units that ended, well or not.
    public var ended: Int { done + failed }
    /// Whether every unit ended.
    public var isComplete: Bool { ended >= total }
    /// The share ended, in [0, 1].
    public var fraction: Double { total > 0 ? Double(Swift.min(ended, total)) / Double(total) : 1 }

    /// "5/12 done, 2 running, 1 failed" (`noun`: "5/12 runs done, ...").
    public func summary(noun: String? = nil) -> String {
        "\(ended)/\(total) \(noun.map { $0 + " " } ?? "")done, \(running) running, \(failed) failed"
    }

    /// The seconds left at the rate so far: the units that ended took `elapsed` seconds, so
    /// the rest take `elapsed * left / ended` (nil before one ended). With several units at
    /// once the rate counts them all, as tqdm's estimate does.
    public func secondsLeft(elapsed: Double) -> Double? {
        guard ended > 0 else { return nil }
        return elapsed * Double(Swift.max(0, total - ended)) / Double(ended)
    }

    /// "H:MM:SS".
    public static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
    }
}
