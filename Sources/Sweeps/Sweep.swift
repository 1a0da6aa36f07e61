import Foundation
import NotebookDisplay

/// A notebook run over a grid of parameters: decides which points to run (a rerun skips the
/// finished ones), runs them on a backend, keeps each ended run atomically with its record,
/// and collects every finished run into results.csv, results.json and summary.md.
///
///     let sweep = Sweep(notebook: url, grid: grid, layout: SweepLayout(root: out, notebookName: "01-tour"),
///                       backend: LocalBackend(...))
///     let outcome = try sweep.run(shouldStop: { InterruptRequest.isRequested })
public struct Sweep {
    /// The notebook.
    public var notebook: URL
    /// The grid.
    public var grid: SweepGrid
    /// The output folder's files.
    public var layout: SweepLayout
    /// What runs the runs.
    public var backend: RunBackend
    /// Where progress lines and messages go (standard output by default).
    public var write: (String) -> Void
    /// Whether standard output is a terminal (nil: ask isatty).
    public var isTerminal: Bool?
    /// Seconds between status lines when not on a terminal.
    public var statusInterval: TimeInterval

    /// A sweep of `notebook` over `grid` into `layout` on `backend`.
    public init(notebook: URL, grid: SweepGrid, layout: SweepLayout, backend: RunBackend, isTerminal: Bool? = nil,
                statusInterval: TimeInterval = 30,
                write: @escaping (String) -> Void = ProgressLine.standardOutput) {
        self.notebook = notebook
        self.grid = grid
        self.layout = layout
        self.backend = backend
        self.isTerminal = isTerminal
        self.statusInterval = statusInterval
        self.write = write
    }

    /// What a sweep did.
    public struct Outcome {
        /// Points finished by an earlier sweep and kept.
        public var skipped: Int
        /// Runs that ended well in this sweep.
        public var succeeded: Int
        /// Runs that failed in this sweep.
        public var failed: Int
        /// Whether it was stopped (Ctrl-C) before every run ended.
        public var interrupted: Bool
        /// Every finished run of the grid, flattened.
        public var table: ResultsTable
        /// The means and intervals.
        public var summary: SweepSummary
    }

    /// Runs the grid's unfinished points and collects all. `shouldStop` is polled (Ctrl-C);
    /// once true, the running runs are stopped and discarded, the finished ones kept.
    public func run(shouldStop: @escaping () -> Bool) throws(SweepError) -> Outcome {
        do {
            try FileManager.default.createDirectory(at: layout.root, withIntermediateDirectories: true)
        } catch {
            throw SweepError("cannot create the output folder \(layout.root.path): \(error.localizedDescription)")
        }
        try layout.lock()
        try layout.prepare()
        let hash = try ContentHash.sha256(of: notebook)
        let points = grid.points

        var jobs: [RunJob] = []
        var reasons: [String: Int] = [:]
        for point in points {
            let name = point.directoryName
            let decision = ResumeDecision(
                record: RunRecord.read(from: layout.record(of: name)), notebookSHA256: hash,
                parameters: Self.parameterDictionary(point), resultsFileExists: FileManager.default.fileExists(atPath: layout.resultsFile(of: name).path))
            if case .run(let reason) = decision {
                jobs.append(RunJob(point: point, temporaryDirectory: try layout.makeTemporaryDirectory(for: name)))
                reasons[reason, default: 0] += 1
            }
        }
        let skipped = points.count - jobs.count
        let why = reasons.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        write("sweep of \(notebook.lastPathComponent): \(points.count) run\(points.count == 1 ? "" : "s"), \(skipped) finished before, \(jobs.count) to run"
              + (why.isEmpty ? "" : " (\(why))") + (jobs.isEmpty ? "" : " on \(backend.label)") + "\n")

        let progress = SweepProgress(total: jobs.count, isTerminal: isTerminal, interval: statusInterval, write: write)
        var succeeded = 0, failed = 0
        var ended = Set<String>()
        var commitError: SweepError?
        if !jobs.isEmpty {
            try backend.run(jobs, report: { event in
                switch event {
                case .started:
                    progress.update(running: progress.running + 1)
                case .tick(let running):
                    progress.update(running: running)
                case .finished(let job, let outcome):
                    // A run that fails as the sweep is stopped failed because of it (a terminal's
                    // Ctrl-C reaches the runs too): drop it, it runs again on resume.
                    if shouldStop() && (outcome.exitStatus != 0 || outcome.problem != nil) { return }
                    do {
                        let record = try keep(job, outcome, hash: hash)
                        ended.insert(job.name)
                        if record.status == .succeeded {
                            succeeded += 1
                            progress.ended(succeeded: true, seconds: outcome.wallSeconds,
                                           message: "done \(job.name) in \(String(format: "%.1f", outcome.wallSeconds)) s")
                        } else {
                            failed += 1
                            let first = record.error?.split(separator: "\n").first.map(String.init) ?? ""
                            progress.ended(succeeded: false, seconds: outcome.wallSeconds, message: "FAILED \(job.name): \(first)")
                        }
                    } catch {
                        commitError = commitError ?? (error as? SweepError ?? SweepError("\(error)"))
                    }
                }
            }, shouldStop: { shouldStop() || commitError != nil })
            progress.finish()
        }
        for job in jobs where !ended.contains(job.name) {
            try? FileManager.default.removeItem(at: job.temporaryDirectory)
        }
        if let commitError { throw commitError }
        let interrupted = ended.count < jobs.count
        if interrupted {
            write("stopped: \(ended.count) of \(jobs.count) runs ended and are kept; the same command resumes the others\n")
        }
        let table = collect(points: points, hash: hash)
        try writeResults(table)
        let summary = SweepSummary(table: table, sweptNames: grid.sweptNames)
        try write(summary.markdown(), to: layout.summary, preamble: summaryPreamble(table))
        return Outcome(skipped: skipped, succeeded: succeeded, failed: failed, interrupted: interrupted, table: table, summary: summary)
    }

    /// The point's `-p` parameters by name, as its record keeps them.
    static func parameterDictionary(_ point: SweepPoint) -> [String: String] {
        Dictionary(point.runParameters.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// Writes the record into the run's folder and moves it into place; returns the record.
    private func keep(_ job: RunJob, _ outcome: RunOutcome, hash: String) throws(SweepError) -> RunRecord {
        let resultsFile = job.temporaryDirectory.appendingPathComponent("\(layout.notebookName).results.json")
        let log = (try? String(contentsOf: job.temporaryDirectory.appendingPathComponent("run.log"), encoding: .utf8)) ?? ""
        var error: String?
        if let problem = outcome.problem {
            error = problem
        } else if outcome.exitStatus != 0 {
            error = Self.failureText(exitStatus: outcome.exitStatus, log: log)
        } else if !FileManager.default.fileExists(atPath: resultsFile.path) {
            error = "the notebook ran to its end but wrote no \(layout.notebookName).results.json"
        } else if let problem = Result(catching: { () throws(SweepError) in try ResultsFileContents(contentsOf: resultsFile) }).failure {
            error = problem.description
        }
        // The run's error names its folder as it was while running; name the one it is kept in.
        let kept = layout.directory(of: job.name).path
        for folder in [job.temporaryDirectory.path] + (outcome.remoteDirectory.map { [$0] } ?? []) {
            error = error?.replacingOccurrences(of: folder, with: kept)
        }
        let formatter = ISO8601DateFormatter()
        let record = RunRecord(
            point: job.name, notebook: notebook.path, notebookSHA256: hash, parameters: Self.parameterDictionary(job.point),
            seed: job.point.seed, status: error == nil ? .succeeded : .failed, error: error, exitStatus: outcome.exitStatus,
            wallSeconds: (outcome.wallSeconds * 1000).rounded() / 1000, finished: formatter.string(from: Date()), ranOn: outcome.ranOn)
        do {
            try record.encoded().write(to: job.temporaryDirectory.appendingPathComponent("run.json"))
        } catch {
            throw SweepError("cannot write the record of \(job.name): \(error)")
        }
        try layout.commit(job.temporaryDirectory, as: job.name)
        return record
    }

    /// A failed run's error: its exit status and the failure `swift-margin run` reported (from
    /// its "cell N failed" line on), else the log's last lines.
    static func failureText(exitStatus: Int32, log: String) -> String {
        let lines = log.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let head = exitStatus > 128 ? "killed by signal \(exitStatus - 128)" : "exit status \(exitStatus)"
        if let start = lines.lastIndex(where: { $0.hasPrefix("cell ") && $0.contains(" failed: ") }) {
            return head + ": " + lines[start...].prefix(20).joined(separator: "\n")
        }
        let tail = lines.suffix(15).joined(separator: "\n")
        return head + (tail.isEmpty ? " (no output)" : ": " + tail)
    }

    /// Every point's finished run, flattened; failures with their errors; points not run.
    func collect(points: [SweepPoint], hash: String) -> ResultsTable {
        var rows: [ResultsTable.Row] = []
        var failures: [ResultsTable.Failure] = []
        var unfinished: [String] = []
        for point in points {
            let name = point.directoryName
            let parameters = grid.axes.map { point.value(of: $0.name) ?? "" }
            guard let record = RunRecord.read(from: layout.record(of: name)), record.notebookSHA256 == hash,
                  record.parameters == Self.parameterDictionary(point) else {
                unfinished.append(name)
                continue
            }
            if record.status == .failed {
                failures.append(.init(point: name, parameters: record.parameters, error: record.error ?? "failed"))
                continue
            }
            do {
                rows += ResultsTable.rows(of: try ResultsFileContents(contentsOf: layout.resultsFile(of: name)), parameters: parameters)
            } catch {
                failures.append(.init(point: name, parameters: record.parameters, error: error.description))
            }
        }
        return ResultsTable(parameterNames: grid.axes.map(\.name), rows: rows, failures: failures, unfinished: unfinished)
    }

    /// DIR/results.csv and DIR/results.json.
    private func writeResults(_ table: ResultsTable) throws(SweepError) {
        try write(table.csv(), to: layout.resultsCSV)
        let header = ResultsTable.Header(
            notebook: layout.notebookName,
            parameters: Dictionary(grid.axes.map { ($0.name, $0.values) }, uniquingKeysWith: { _, last in last }),
            swept: grid.sweptNames, seeds: grid.seeds)
        try write(String(decoding: table.json(header: header), as: UTF8.self), to: layout.resultsJSON)
    }

    /// The lines above summary.md's tables.
    private func summaryPreamble(_ table: ResultsTable) -> String {
        var text = "# Sweep of \(layout.notebookName)\n\n"
        let settings = grid.axes.map { "\($0.name) = \($0.values.joined(separator: ", "))" }
        text += "Parameters: " + (settings.isEmpty ? "the notebook's defaults" : settings.joined(separator: "; "))
        text += grid.seeds.map { "; seeds \($0.map(String.init).joined(separator: ", ")), one run each" } ?? ""
        text += ". Mean over seeds and 95% interval (Student's t) per point and model, from results.csv.\n\n"
        if !table.failures.isEmpty {
            text += "Failed runs: " + table.failures.map(\.point).joined(separator: "; ") + " (errors in results.json).\n\n"
        }
        if !table.unfinished.isEmpty {
            text += "Not run yet: " + table.unfinished.joined(separator: "; ") + ".\n\n"
        }
        return text
    }

    /// Writes `text` (after `preamble`) to `url` through a temporary file renamed into place.
    private func write(_ text: String, to url: URL, preamble: String = "") throws(SweepError) {
        do {
            try Data((preamble + text).utf8).write(to: url, options: .atomic)
        } catch {
            throw SweepError("cannot write \(url.path): \(error.localizedDescription)")
        }
    }
}

extension Result {
    /// The error, if this is a failure.
    fileprivate var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
