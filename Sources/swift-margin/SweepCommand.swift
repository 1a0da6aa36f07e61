import ArgumentParser
import Foundation
import NotebookRunner
import ProcessSpawning
import Sweeps

/// `swift-margin sweep NOTEBOOK -p name=v1,v2 ... [--seeds N] -o DIR`: the notebook run once per
/// point of the grid (the product of the value lists), each run the headless `run` of this
/// executable, on K local worker processes or on a Dask cluster (`--scheduler`); the runs'
/// results collected into DIR/results.csv, results.json, summary.md and plots/.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a notebook over a grid of parameters, on local worker processes or a Dask cluster.",
        discussion: """
            Each point of the grid (the product of the -p value lists; with --seeds N, times N \
            seeds, each a run of its own with seeds=1 firstSeed=S) runs as `swift-margin run \
            NOTEBOOK -o NAME.ipynb -p ...` in DIR/runs/<point>/ (e.g. quick=true,trainCount=30,seed=1), \
            where NAME.results.json lands. A run writes into a temporary folder renamed into place \
            when it ends, with run.json (notebook hash, parameters, status, error, wall time). \
            Rerunning the same command skips the finished points and reruns failed ones and \
            those whose notebook or parameters changed; Ctrl-C stops the running runs and keeps \
            the finished ones. Every finished run is collected into DIR/results.csv and \
            DIR/results.json (a row per run, model and seed), DIR/summary.md (mean and 95% \
            interval over seeds) and DIR/plots/QUANTITY.png (against the first swept parameter). \
            --scheduler tcp://HOST:PORT submits the runs to a Dask distributed cluster through \
            `python -m swift_margin_dask` (python/swift-margin-dask). Exit status: 0 when every \
            run succeeded, 1 when one failed, 130 when stopped.
            """)

    @Argument(help: "The notebook to run (nbformat 4) with `seeds`/`firstSeed` parameters for --seeds.")
    var notebook: String
    @Option(name: .shortAndLong, parsing: .singleValue, help: "A parameter and its values, name=v1,v2,... (repeatable; one value just sets it).")
    var parameter: [String] = []
    @Option(help: "Seeds per point, each a run of its own with seeds=1 firstSeed=S (S from -p firstSeed=, default 0). Without it, each run trains the notebook's own seeds.")
    var seeds: Int?
    @Option(name: .shortAndLong, help: "The output folder (created; a rerun into it resumes).")
    var output: String
    @Option(help: "Local worker processes (default: the number of cores).")
    var workers: Int?
    @Option(help: "A Dask scheduler's address, tcp://HOST:PORT: run there instead of locally.")
    var scheduler: String?
    @Option(help: "Seconds to wait for the Dask scheduler before giving up.")
    var schedulerTimeout = 20
    @Option(help: "The Python that drives Dask (default: $SWIFT_MARGIN_PYTHON, the .venv above this executable, python3).")
    var python: String?
    @Option(help: "The swift-margin the Dask workers run (default: this executable's path; a worker without it uses swift-margin on its PATH).")
    var workerExecutable: String?
    @Option(help: "Seconds between progress lines when standard output is not a terminal.")
    var statusEvery: Double = 30
    @Flag(help: "Do not draw the plots.")
    var noPlots = false

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1, not \(workers)") }
        if let seeds, seeds < 1 { throw ValidationError("--seeds must be at least 1, not \(seeds)") }
        if scheduler != nil && workers != nil {
            throw ValidationError("--workers sets the local processes; with --scheduler the cluster's workers run the notebooks")
        }
        if let scheduler, (try? #/([a-z]+://)?[^\s/:]+:[0-9]+/#.wholeMatch(in: scheduler)) == nil {
            throw ValidationError("--scheduler takes a Dask scheduler's address such as tcp://127.0.0.1:8786, not \"\(scheduler)\"")
        }
        if schedulerTimeout < 1 { throw ValidationError("--scheduler-timeout must be at least 1 second") }
        if statusEvery <= 0 { throw ValidationError("--status-every must be positive") }
    }

    func run() throws {
        let notebookURL = URL(fileURLWithPath: notebook).standardizedFileURL
        guard FileManager.default.fileExists(atPath: notebookURL.path) else {
            throw ValidationError("no notebook at \(notebook)")
        }
        let document = try NotebookDocument(contentsOf: notebookURL)
        let name = notebookURL.pathExtension == "ipynb" ? notebookURL.deletingPathExtension().lastPathComponent : notebookURL.lastPathComponent
        let grid = try SweepGrid(axes: parameter.map { argument throws(SweepError) in try SweepAxis(argument: argument) }, seeds: seeds)
        try Self.check(grid, against: document, notebook: notebook)

        let executable = Self.currentExecutable()
        let layout = SweepLayout(root: URL(fileURLWithPath: output), notebookName: name)
        let backend: RunBackend
        if let scheduler {
            let python = try PythonLocator.locate(explicit: python, environment: ProcessInfo.processInfo.environment, executable: executable)
            try FileManager.default.createDirectory(at: layout.root, withIntermediateDirectories: true)
            backend = DaskBackend(
                scheduler: scheduler, python: python, workerExecutable: workerExecutable ?? executable, notebook: notebookURL,
                notebookName: name, driverLog: layout.root.appendingPathComponent("dask-driver.log"), connectTimeout: schedulerTimeout)
        } else {
            backend = LocalBackend(
                executable: executable, notebook: notebookURL, notebookName: name, workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
        }
        InterruptRequest.install()
        let sweep = Sweep(notebook: notebookURL, grid: grid, layout: layout, backend: backend, statusInterval: statusEvery)
        let outcome = try sweep.run(shouldStop: { InterruptRequest.isRequested })

        if !outcome.summary.quantities.isEmpty {
            print("")
            print(outcome.summary.markdown(), terminator: "")
        }
        for failure in outcome.table.failures {
            print("failed: \(failure.point): \(failure.error.split(separator: "\n").first ?? "")")
        }
        var written = [layout.resultsCSV, layout.resultsJSON, layout.summary].map(\.path)
        if !noPlots && !outcome.summary.keyNames.isEmpty && !outcome.table.rows.isEmpty {
            do {
                written += try SweepPlots.draw(outcome.summary, notebookName: name, into: layout.plots).map(\.path)
            } catch {
                FileHandle.standardError.write(Data("warning: the plots were not drawn: \(error)\n".utf8))
            }
        }
        print("\(outcome.table.rows.count) rows from \(outcome.skipped + outcome.succeeded) finished runs"
              + (outcome.table.failures.isEmpty ? "" : ", \(outcome.table.failures.count) failed")
              + "; wrote " + written.joined(separator: ", "))
        if outcome.interrupted { throw ExitCode(130) }
        if !outcome.table.failures.isEmpty { throw ExitCode(1) }
    }

    /// Checks every value against the notebook's parameters cell before anything runs (a value
    /// of the wrong type fails here, naming it) and that --seeds has parameters to set;
    /// warns once about a parameter the notebook does not declare.
    static func check(_ grid: SweepGrid, against document: NotebookDocument, notebook: String) throws {
        let declared = document.declaredParameters
        if grid.seeds != nil {
            let names = declared?.map(\.name) ?? []
            let missing = [SweepGrid.seedsParameter, SweepGrid.firstSeedParameter].filter { !names.contains($0) }
            if !missing.isEmpty {
                throw ValidationError("--seeds runs each seed with seeds=1 firstSeed=S, but \(notebook) declares no \(missing.joined(separator: " or ")) in its cell tagged 'parameters'"
                                      + (names.isEmpty ? "" : " (it declares \(names.joined(separator: ", ")))"))
            }
        }
        for axis in grid.axes {
            for (index, value) in axis.values.enumerated() {
                var copy = document
                let warnings = try NotebookRunner.inject(try NotebookParameters(arguments: ["\(axis.name)=\(value)"]), into: &copy)
                if index == 0 {
                    warnings.forEach { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
                }
            }
        }
    }

    /// The path of this executable (/proc/self/exe, else argv[0] resolved).
    static func currentExecutable() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        let first = CommandLine.arguments[0]
        if first.contains("/") { return URL(fileURLWithPath: first).standardizedFileURL.path }
        return findExecutable(named: first) ?? first
    }
}
