import Foundation
import ProcessSpawning

#if canImport(Glibc)
import Glibc
#endif

/// Runs a sweep's jobs on a Dask distributed cluster through `PYTHON -m swift_margin_dask`
/// (python/swift-margin-dask): the request (scheduler, executable, the notebook's text, each
/// job's key and parameters) goes to the driver's standard input as JSON; it submits one task
/// per job and writes a JSON line per finished task, with the run's files' contents, which
/// land in the job's temporary folder here. Workers therefore need no shared file system:
/// only `dask[distributed]` and a `swift-margin` (the path given, else the one on their PATH).
/// The driver's own messages go to DIR/dask-driver.log.
public struct DaskBackend: RunBackend {
    /// The scheduler's address, `tcp://HOST:PORT`.
    public let scheduler: String
    /// The Python that imports swift_margin_dask.
    public let python: String
    /// The `swift-margin` the workers run (they fall back to `swift-margin` on their PATH).
    public let workerExecutable: String
    /// The notebook.
    public let notebook: URL
    /// The notebook's name without `.ipynb`.
    public let notebookName: String
    /// Where the driver's messages go.
    public let driverLog: URL
    /// Seconds to wait for the scheduler before giving up.
    public let connectTimeout: Int

    /// A backend submitting to `scheduler` through `python`.
    public init(scheduler: String, python: String, workerExecutable: String, notebook: URL, notebookName: String,
                driverLog: URL, connectTimeout: Int = 20) {
        self.scheduler = scheduler
        self.python = python
        self.workerExecutable = workerExecutable
        self.notebook = notebook
        self.notebookName = notebookName
        self.driverLog = driverLog
        self.connectTimeout = connectTimeout
    }

    public var label: String { "Dask at \(scheduler)" }
    /// The cluster's threads once connected (1 before).
    public var capacity: Int { connectedThreads.value }
    private let connectedThreads = Box(1)

    /// The request the driver reads on its standard input.
    func request(for jobs: [RunJob]) throws(SweepError) -> Data {
        let text: String
        do {
            text = String(decoding: try Data(contentsOf: notebook), as: UTF8.self)
        } catch {
            throw SweepError("cannot read \(notebook.path): \(error.localizedDescription)")
        }
        let request = DaskDriverRequest(
            scheduler: scheduler, executable: workerExecutable, notebookName: notebookName, notebook: text,
            connectTimeout: connectTimeout, jobs: jobs.map { .init(key: $0.name, parameters: $0.point.runArguments) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return try encoder.encode(request) + Data("\n".utf8)
        } catch {
            throw SweepError("cannot encode the Dask request: \(error.localizedDescription)")
        }
    }

    public func run(_ jobs: [RunJob], report: (RunEvent) -> Void, shouldStop: () -> Bool) throws(SweepError) {
        guard !jobs.isEmpty else { return }
        let input = try request(for: jobs)
        let stdin: CloseOnExecPipe, stdout: CloseOnExecPipe
        do {
            stdin = try CloseOnExecPipe()
            stdout = try CloseOnExecPipe()
        } catch {
            throw SweepError("cannot make pipes for the Dask driver: \(error)")
        }
        let log = open(driverLog.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard log >= 0 else { throw SweepError("cannot create \(driverLog.path): \(String(cString: strerror(errno)))") }
        let driver: ChildProcess
        do {
            driver = try ChildProcess.spawn(
                arguments: [python, "-m", PythonLocator.module], descriptors: [0: stdin.readEnd, 1: stdout.writeEnd, 2: log],
                signals: .emptyMaskAndDefaultSIGPIPE)
        } catch {
            close(log)
            throw SweepError("cannot start the Dask driver \(python) -m \(PythonLocator.module): \(error)")
        }
        close(log)
        close(stdin.readEnd)
        close(stdout.writeEnd)
        let reader = LineReader(descriptor: stdout.readEnd)
        // The request is written from a thread, so a large one cannot block us on a full pipe.
        let writeEnd = stdin.writeEnd
        Thread {
            input.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(writeEnd, bytes.baseAddress! + offset, bytes.count - offset)
                    if written < 0 && errno == EINTR { continue }
                    if written <= 0 { break }
                    offset += written
                }
            }
            close(writeEnd)
        }.start()

        let byKey = Dictionary(jobs.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        var remaining = Set(byKey.keys)
        var started = false
        var failure: String?
        var stopping = false
        while !remaining.isEmpty && failure == nil {
            if shouldStop() && !stopping {
                // The driver sets the cluster-wide stop event (the workers kill their runs) and ends.
                stopping = true
                kill(driver.processID, SIGTERM)
            }
            let (lines, ended) = reader.take()
            for line in lines {
                guard let event = try? JSONDecoder().decode(DaskDriverEvent.self, from: Data(line.utf8)) else { continue }
                switch event.event {
                case "connected":
                    connectedThreads.value = max(1, event.threads ?? 1)
                    if !started && !stopping {
                        started = true
                        jobs.forEach { report(.started($0)) }
                    }
                case "finished":
                    guard !stopping, let key = event.key, let job = byKey[key], remaining.remove(key) != nil else { continue }
                    let outcome = store(event, into: job)
                    report(.finished(job, outcome))
                case "error":
                    failure = event.message ?? line
                default:
                    continue
                }
            }
            if ended {
                if stopping { break }
                if failure == nil && !remaining.isEmpty {
                    failure = "the Dask driver ended with \(remaining.count) runs unfinished"
                }
                break
            }
            if lines.isEmpty {
                report(.tick(running: started ? min(remaining.count, connectedThreads.value) : 0))
                usleep(100_000)
            }
        }
        if failure != nil || stopping {
            // Give the driver a moment to cancel its tasks, then make sure it is gone.
            if driver.waitForEnd(within: .seconds(10)) == nil { driver.kill() }
        } else {
            _ = driver.waitForEnd()
        }
        if let failure {
            let tail = (try? String(contentsOf: driverLog, encoding: .utf8)).map { Self.lastLines($0, 15) } ?? ""
            throw SweepError(failure + (tail.isEmpty ? "" : "\n(\(driverLog.path) ends with:)\n" + tail))
        }
    }

    /// Writes a finished task's files into its job's folder; the outcome it reported.
    private func store(_ event: DaskDriverEvent, into job: RunJob) -> RunOutcome {
        var problem = event.problem
        for (name, encoded) in event.files ?? [:] {
            guard !name.contains("/"), name != "..", name != ".", let data = Data(base64Encoded: encoded) else {
                problem = problem ?? "the worker sent a file with a bad name or contents: \(name)"
                continue
            }
            do {
                try data.write(to: job.temporaryDirectory.appendingPathComponent(name))
            } catch {
                problem = problem ?? "cannot write \(name) of \(job.name): \(error.localizedDescription)"
            }
        }
        return RunOutcome(
            exitStatus: Int32(event.exitStatus ?? -1), wallSeconds: event.seconds ?? 0,
            ranOn: event.worker ?? scheduler, problem: problem, remoteDirectory: event.directory)
    }

    /// The last `count` lines of `text`.
    static func lastLines(_ text: String, _ count: Int) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }
}

/// A value shared by copies of a struct (the cluster's size, learnt while running).
final class Box<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
