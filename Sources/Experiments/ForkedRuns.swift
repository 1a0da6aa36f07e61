#if canImport(Glibc)
import Glibc
#endif
import CProcessControl
import Foundation
import Models
import ProcessSpawning
import Tensors

/// Runs independent pieces of work, each in a child process forked from this one, at most
/// `workers` at a time: the seeds of an experiment spread over the cores.
///
/// A child inherits everything the parent built (data, closures, a notebook session's
/// state), runs one piece with BLAS limited to `threadsPerRun` threads, sends its result back
/// as JSON through a pipe and exits; so a piece gives the same numbers whether it runs alone
/// or beside others, and a piece that traps is recorded as failed while the rest go on.
///
/// An interrupt (`TrainingStop`, which a notebook's stop button and Ctrl-C request) kills the
/// running children and returns: finished pieces are kept, the others are `.notRun`. Children
/// ignore SIGINT themselves (a terminal's Ctrl-C reaches the whole process group) and die
/// with the parent.
///
/// Call it from a process that computes on one thread at a time (a notebook's cell, a
/// script), as with any fork of a process with threads: a lock another thread holds at the
/// fork stays held in the child. Two were seen in a test process that ran other tests
/// beside these forks: OpenBLAS 0.3.21's fork handler, which joins BLAS's worker threads and
/// hung when another thread was inside a multi-threaded product; and the Swift runtime's
/// witness-table lock, on which a child that had to open BLAS waited forever (BLAS is now
/// opened before the first fork).
enum ForkedRuns {
    /// What became of one piece of work.
    enum Outcome<Output> {
        case finished(Output)
        /// The piece threw or crashed; the text says how.
        case failed(String)
        /// The piece was not run, or was stopped, because of an interrupt.
        case notRun
    }

    /// How far a batch of pieces has got.
    struct Counts: Equatable {
        var total: Int
        var finished = 0
        var failed = 0
        var running = 0
    }

    /// What a child writes back: its output or its error's text.
    private enum Reply<Output: Codable>: Codable {
        case output(Output)
        case error(String)
    }

    /// Why a child could not be started.
    private struct StartFailure: Error {
        var message: String
    }

    /// A child process at work on piece `index`, and the read ends of its result and its
    /// standard error.
    private struct Child {
        var index: Int
        var process: ChildProcess
        var resultPipe: Int32
        var errorPipe: Int32
    }

    /// Runs `work(0)`, ..., `work(count - 1)` in children, `workers` at a time, calling
    /// `onChange` whenever a piece starts or ends.
    /// - Returns: One outcome per piece, and whether an interrupt cut the batch short.
    static func run<Output: Codable>(
        count: Int, workers: Int, threadsPerRun: Int, onChange: (Counts) -> Void, work: (Int) throws -> Output
    ) -> (outcomes: [Outcome<Output>], interrupted: Bool) {
        guard workers >= 1 else { fatalError("an experiment needs at least one worker, got \(workers)") }
        // Opened here, once: a child then needs none of the loader's first-use work (generic
        // metadata and witness tables the runtime builds under locks another thread of this
        // process might hold at the moment of the fork).
        _ = BLAS.configuration
        var outcomes = [Outcome<Output>](repeating: .notRun, count: count)
        var counts = Counts(total: count)
        var running: [Child] = []
        var pipes = PipeDrain()
        var next = 0
        var interrupted = false
        onChange(counts)
        while next < count || !running.isEmpty {
            if TrainingStop.isRequested {
                TrainingStop.clear()
                interrupted = true
                for child in running { child.process.kill() }
                pipes.closeAll()
                running.removeAll()
                counts.running = 0
                onChange(counts)
                break
            }
            while next < count && running.count < workers {
                switch start(index: next, threadsPerRun: threadsPerRun, work: work) {
                case .success(let child):
                    running.append(child)
                    pipes.read(child.resultPipe)
                    pipes.read(child.errorPipe)
                case .failure(let failure): outcomes[next] = .failed(failure.message)
                }
                next += 1
                counts.running = running.count
                counts.failed = outcomes.filter { if case .failed = $0 { return true } else { return false } }.count
                onChange(counts)
            }
            guard !running.isEmpty else { continue }
            pipes.step(timeout: .milliseconds(100))
            for position in running.indices.reversed()
            where !pipes.isOpen(running[position].resultPipe) && !pipes.isOpen(running[position].errorPipe) {
                let child = running.remove(at: position)
                let outcome: Outcome<Output> = finish(
                    child.process, result: pipes.take(child.resultPipe), errors: pipes.take(child.errorPipe))
                outcomes[child.index] = outcome
                if case .finished = outcome { counts.finished += 1 } else { counts.failed += 1 }
                counts.running = running.count
                onChange(counts)
            }
        }
        return (outcomes, interrupted)
    }

    /// Forks a child for piece `index`; in the child, runs it and exits.
    private static func start<Output: Codable>(
        index: Int, threadsPerRun: Int, work: (Int) throws -> Output
    ) -> Result<Child, StartFailure> {
        var resultFDs: [Int32] = [0, 0]
        var errorFDs: [Int32] = [0, 0]
        guard process_pipe_cloexec(&resultFDs) == 0 else { return .failure(StartFailure(message: "no pipe for the run: \(String(cString: strerror(errno)))")) }
        guard process_pipe_cloexec(&errorFDs) == 0 else {
            close(resultFDs[0]); close(resultFDs[1])
            return .failure(StartFailure(message: "no pipe for the run: \(String(cString: strerror(errno)))"))
        }
        fflush(stdout)
        fflush(stderr)
        let parent = getpid()
        let processID = fork()
        if processID == 0 {
            close(resultFDs[0])
            close(errorFDs[0])
            if process_die_with_parent(parent) != 0 { _exit(1) }
            signal(SIGINT, SIG_IGN)
            dup2(errorFDs[1], 2)
            BLAS.limitThreads(to: threadsPerRun)
            let reply: Reply<Output>
            do {
                reply = .output(try work(index))
            } catch {
                reply = .error(String(describing: error))
            }
            let bytes = (try? NonFiniteJSON.encoder.encode(reply)) ?? Data(#"{"error":{"_0":"the run's result could not be encoded"}}"#.utf8)
            fflush(stdout)
            _ = writeAll(bytes, to: resultFDs[1])
            _exit(0)
        }
        close(resultFDs[1])
        close(errorFDs[1])
        guard processID > 0 else {
            close(resultFDs[0]); close(errorFDs[0])
            return .failure(StartFailure(message: "the run could not be started (fork: \(String(cString: strerror(errno))))"))
        }
        return .success(Child(index: index, process: ChildProcess(processID: processID), resultPipe: resultFDs[0], errorPipe: errorFDs[0]))
    }

    /// Collects a child whose pipes have closed and decodes its reply.
    private static func finish<Output: Codable>(_ child: ChildProcess, result: [UInt8], errors: [UInt8]) -> Outcome<Output> {
        let end = child.waitForEnd()
        let errorText = String(decoding: errors, as: UTF8.self)
        if case .exited? = end, let reply = try? NonFiniteJSON.decoder.decode(Reply<Output>.self, from: Data(result)) {
            if !errorText.isEmpty { FileHandle.standardError.write(Data(errorText.utf8)) }
            switch reply {
            case .output(let output): return .finished(output)
            case .error(let message): return .failed(message)
            }
        }
        let how = switch end {
        case .killed(let signal)?: "crashed (signal \(signal))"
        case .exited(let code)?: "exited with status \(code) without a result"
        case nil: "could not be waited for"
        }
        let message = crashMessage(in: errorText)
        return .failed(message.isEmpty ? "the run \(how)" : "the run \(how): \(message)")
    }

    /// The runtime's message in a crashed child's error output ("...: Fatal error: ..."),
    /// without the backtrace that follows it; else the output's last lines other than a
    /// stack trace (the runtime's, or the one a notebook's executor writes at a trap).
    static func crashMessage(in errorText: String) -> String {
        let lines = errorText.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { line in
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                let isFrame = fields.count >= 3 && fields[0].allSatisfy(\.isNumber) && fields[2].hasPrefix("0x")
                return line != "Current stack trace:" && !isFrame
            }
        let markers = ["Fatal error", "Precondition failed", "Assertion failed", "Program crashed"]
        if let line = lines.first(where: { line in markers.contains { line.contains($0) } }) { return line }
        return lines.suffix(3).joined(separator: " | ")
    }
}
