import Foundation
import NotebookDisplay

/// The sweep's progress on standard output, as a `ProgressLine`. On a terminal: one line
/// redrawn in place,
///
///     [########............] 5/12 done, 2 running, 1 failed, 0:00:41 elapsed, ~0:01:10 left
///
/// with a line above it for each run that ends. Otherwise (a log, a pipe): a line for each run
/// that ends and the status line every `interval` seconds.
public final class SweepProgress {
    /// Runs in this sweep (skipped ones excluded).
    public var total: Int { count.total }
    private let line: ProgressLine
    private let start = Date()
    private var count: WorkCount
    /// Runs that ended well.
    public var done: Int { count.done }
    /// Runs that failed.
    public var failed: Int { count.failed }
    /// Runs running now.
    public var running: Int { count.running }

    /// Progress for `total` runs; `isTerminal` nil: whether standard output is one.
    public init(total: Int, isTerminal: Bool? = nil, interval: TimeInterval = 30,
                write: @escaping (String) -> Void = ProgressLine.standardOutput) {
        count = WorkCount(total: total)
        let place: ProgressLine.Place? = isTerminal.map { $0 ? .terminal : .log }
        line = ProgressLine(idPrefix: "sweep", place: place ?? (isatty(1) == 1 ? .terminal : .log),
                            minimumInterval: 0.25, logInterval: interval, write: write)
    }

    /// The estimated seconds left at the rate so far (nil before a run ended).
    public var secondsLeft: Double? { count.secondsLeft(elapsed: Date().timeIntervalSince(start)) }

    /// The status line, without a line break.
    public var status: String {
        let left = secondsLeft.map { "~" + WorkCount.clock($0) + " left" } ?? "time left unknown"
        return ProgressLine.bar(count.fraction, width: 20, empty: ".") + " \(count.summary()), "
            + "\(WorkCount.clock(Date().timeIntervalSince(start))) elapsed, \(left)"
    }

    /// Records what the backend says; draws when it is time to.
    public func update(running: Int) {
        count.running = running
        line.show(status)
    }

    /// A run ended; `message` is its line ("done trainCount=30,seed=0 in 12.3 s").
    public func ended(succeeded: Bool, seconds: Double, message: String) {
        if succeeded { count.done += 1 } else { count.failed += 1 }
        count.running = max(0, count.running - 1)
        say(message)
        line.show(status, force: line.place == .terminal)
    }

    /// Prints a line (above the status line on a terminal).
    public func say(_ message: String) {
        line.say(message)
    }

    /// Shows the status line a last time and ends it.
    public func finish() {
        line.finish(status)
    }
}
