import Foundation
import ProcessSpawning

#if canImport(Glibc)
import Glibc
#endif

/// Runs a sweep's jobs as child processes of this machine, `workers` at a time: each is
/// `EXECUTABLE run NOTEBOOK -o NAME.ipynb -q -p ...` started in the job's temporary folder
/// (through `/bin/sh -c 'cd ... && exec ...'`), its output and errors in run.log there.
public struct LocalBackend: RunBackend {
    /// The `swift-margin` that runs the notebooks.
    public let executable: String
    /// The notebook, as an absolute path.
    public let notebook: URL
    /// The notebook's name without `.ipynb`.
    public let notebookName: String
    /// How many runs at once.
    public let workers: Int

    /// A pool of `workers` local processes running `notebook` with `executable`.
    public init(executable: String, notebook: URL, notebookName: String, workers: Int) {
        self.executable = executable
        self.notebook = notebook
        self.notebookName = notebookName
        self.workers = max(1, workers)
    }

    public var label: String { workers == 1 ? "1 local worker" : "\(workers) local workers" }
    public var capacity: Int { workers }

    private struct Running {
        var job: RunJob
        var process: ChildProcess
        var start: Date
    }

    public func run(_ jobs: [RunJob], report: (RunEvent) -> Void, shouldStop: () -> Bool) throws(SweepError) {
        var pending = jobs[...]
        var running: [Running] = []
        while !pending.isEmpty || !running.isEmpty {
            if shouldStop() {
                for run in running { run.process.killWithDescendants() }
                for run in running { _ = run.process.waitForEnd() }
                return
            }
            while running.count < workers, let job = pending.popFirst() {
                let start = Date()
                do {
                    running.append(Running(job: job, process: try spawn(job), start: start))
                    report(.started(job))
                } catch {
                    report(.finished(job, RunOutcome(exitStatus: -1, wallSeconds: 0, ranOn: "local", problem: error.description)))
                }
            }
            var ended = false
            for index in running.indices.reversed() {
                guard let end = running[index].process.endIfFinished() else { continue }
                let run = running.remove(at: index)
                ended = true
                report(.finished(run.job, RunOutcome(
                    exitStatus: end.shellStatus, wallSeconds: Date().timeIntervalSince(run.start), ranOn: "local")))
            }
            if !ended {
                report(.tick(running: running.count))
                usleep(100_000)
            }
        }
    }

    /// Starts one job's `swift-margin run`.
    private func spawn(_ job: RunJob) throws(SweepError) -> ChildProcess {
        let logPath = job.temporaryDirectory.appendingPathComponent("run.log").path
        let log = open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard log >= 0 else { throw SweepError("cannot create \(logPath): \(String(cString: strerror(errno)))") }
        defer { close(log) }
        let arguments = ["/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", job.temporaryDirectory.path, executable]
            + RunJob.runArguments(notebookPath: notebook.path, notebookName: notebookName, point: job.point)
        do {
            return try ChildProcess.spawn(arguments: arguments, descriptors: [1: log, 2: log], signals: .emptyMaskAndDefaultSIGPIPE)
        } catch {
            throw SweepError("cannot start \(executable) for \(job.name): \(error)")
        }
    }
}
