import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The sweep's progress on standard output. On a terminal: one line redrawn in place,
///
///     [########............] 5/12 done, 2 running, 1 failed, 0:00:41 elapsed, ~0:01:10 left
///
/// with a line above it for each run that ends. Otherwise (a log, a pipe): a line for each run
/// that ends and the status line every `interval` seconds.
public final class SweepProgress {
    /// Runs in this sweep (skipped ones excluded).
    public let total: Int
    /// Runs at once (for the time left).
    public var capacity: Int
    private let isTerminal: Bool
    private let interval: TimeInterval
    private let write: (String) -> Void
    private let start = Date()
    private var lastStatus = Date.distantPast
    private var statusShown = false
    /// Runs that ended well.
    public private(set) var done = 0
    /// Runs that failed.
    public private(set) var failed = 0
    /// Runs running now.
    public private(set) var running = 0
    private var runSeconds: [Double] = []

    /// Progress for `total` runs, `capacity` at once; `isTerminal` nil: whether standard output is one.
    public init(total: Int, capacity: Int, isTerminal: Bool? = nil, interval: TimeInterval = 30,
                write: @escaping (String) -> Void = SweepProgress.standardOutput) {
        self.total = total
        self.capacity = max(1, capacity)
        self.isTerminal = isTerminal ?? (isatty(1) == 1)
        self.interval = interval
        self.write = write
    }

    /// Writes `text` to standard output at once. With SIGPIPE ignored, output to a closed pipe
    /// (`swift-margin sweep ... | head`) is dropped and the sweep goes on.
    public static func standardOutput(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }

    /// "H:MM:SS".
    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return String(format: "%d:%02d:%02d", whole / 3600, whole / 60 % 60, whole % 60)
    }

    /// The estimated seconds left: the runs not ended, times the mean time of those that
    /// ended, over the runs at once (nil before one ended).
    public var secondsLeft: Double? {
        guard !runSeconds.isEmpty else { return nil }
        let mean = runSeconds.reduce(0, +) / Double(runSeconds.count)
        let left = total - done - failed
        return mean * Double(left) / Double(min(capacity, max(1, left)))
    }

    /// The status line, without a line break.
    public var status: String {
        let ended = done + failed
        let width = 20
        let filled = total == 0 ? width : width * ended / total
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "]"
        let left = secondsLeft.map { "~" + Self.clock($0) + " left" } ?? "time left unknown"
        return "\(bar) \(done)/\(total) done, \(running) running, \(failed) failed, \(Self.clock(Date().timeIntervalSince(start))) elapsed, \(left)"
    }

    /// Records what the backend says; draws when it is time to.
    public func update(running: Int) {
        self.running = running
        redraw(force: false)
    }

    /// A run ended; `message` is its line ("done trainCount=30,seed=0 in 12.3 s").
    public func ended(succeeded: Bool, seconds: Double, message: String) {
        if succeeded { done += 1 } else { failed += 1 }
        running = max(0, running - 1)
        runSeconds.append(seconds)
        say(message)
        redraw(force: true)
    }

    /// Prints a line (above the status line on a terminal).
    public func say(_ message: String) {
        if isTerminal && statusShown {
            write("\r\u{1B}[K" + message + "\n")
            statusShown = false
        } else {
            write(message + "\n")
        }
    }

    /// Draws the status line: on a terminal at most four times a second, else every `interval`.
    private func redraw(force: Bool) {
        let now = Date()
        if isTerminal {
            guard force || now.timeIntervalSince(lastStatus) >= 0.25 else { return }
            write("\r\u{1B}[K" + status)
            statusShown = true
        } else {
            guard now.timeIntervalSince(lastStatus) >= interval else { return }
            write(status + "\n")
        }
        lastStatus = now
    }

    /// Ends the status line (a terminal's cursor goes to the next line).
    public func finish() {
        if isTerminal {
            write("\r\u{1B}[K" + status + "\n")
        } else {
            write(status + "\n")
        }
        statusShown = false
    }
}
