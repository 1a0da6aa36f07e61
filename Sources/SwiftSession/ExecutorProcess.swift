#if canImport(Glibc)
import Glibc
#endif
import CProcessControl
import ExecutorLink
import Foundation
import NotebookDisplay
import ProcessSpawning
import Synchronization

/// The executor process as the session sees it: started with a command pipe, an event pipe,
/// and standard output and error redirected to two files in the session folder (appended
/// to, read by the session as they grow), it loads and runs cell libraries.
/// Its process id changes from cell to cell (each completed cell's runner takes over), so
/// the session is made a child subreaper and collects every executor process that exits.
final class ExecutorProcess {
    private let commands: FramedChannel
    private let events: FramedChannel
    private var standardOutput: OutputFile
    private var standardError: OutputFile
    /// Every executor process id heard of and not yet collected.
    private var knownProcesses: Set<pid_t> = []
    /// The process running the current cell (to signal on interrupt), if any.
    private let runner = Mutex<pid_t?>(nil)
    /// The executor process that holds the session now (it forks each cell's runner; a
    /// runner whose cell completes takes its place).
    private var executorProcessID: pid_t = 0

    /// Starts the executor (its output files go in `directory`) and waits for its `ready` event.
    init(command: [String], environment: [String: String], directory: URL) throws(SessionSetupError) {
        process_become_child_subreaper()
        signal(SIGPIPE, SIG_IGN)  // a dead executor must not take the session's process with it
        let commandPipe: CloseOnExecPipe
        let eventPipe: CloseOnExecPipe
        do {
            commandPipe = try CloseOnExecPipe()
            eventPipe = try CloseOnExecPipe()
        } catch {
            throw SessionSetupError(error)
        }
        standardOutput = try OutputFile(path: directory.appendingPathComponent("stdout.txt").path)
        standardError = try OutputFile(path: directory.appendingPathComponent("stderr.txt").path)
        let outputAppender = try standardOutput.openForAppending()
        let errorAppender = try standardError.openForAppending()
        defer {
            close(outputAppender)
            close(errorAppender)
        }
        var childEnvironment = ProcessInfo.processInfo.environment
        childEnvironment["SWIFT_BACKTRACE"] = "enable=no"
        childEnvironment.merge(environment) { $1 }
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                arguments: command, environment: childEnvironment,
                descriptors: [1: outputAppender, 2: errorAppender, 3: commandPipe.readEnd, 4: eventPipe.writeEnd])
        } catch {
            throw SessionSetupError(error)
        }
        close(commandPipe.readEnd)
        close(eventPipe.writeEnd)
        commands = FramedChannel(fileDescriptor: commandPipe.writeEnd)
        events = FramedChannel(fileDescriptor: eventPipe.readEnd)
        knownProcesses.insert(child.processID)
        guard case .ready(let processID)? = events.receive(ExecutorEventFrame.self)?.event else {
            let status = child.waitForExit()
            throw SessionSetupError("the executor (\(command.joined(separator: " "))) did not start: exit status \(status)")
        }
        knownProcesses.insert(processID)
        executorProcessID = processID
    }

    deinit {
        terminate()
        close(commands.fileDescriptor)
        close(events.fileDescriptor)
        standardOutput.close()
        standardError.close()
    }

    /// Stops every executor process (the checkpoint and any running cell) and collects them.
    func terminate() {
        _ = commands.send(ExecutorCommand.shutdown)
        for process in knownProcesses { kill(process, SIGKILL) }
        for process in knownProcesses { _ = ChildProcess(processID: process).waitForEnd() }  // nil at once for non-children
        collectExitedProcesses()
        knownProcesses.removeAll()
    }

    /// What the executor reported about one cell.
    struct CellRun {
        var termination: CellTermination
        var result: DisplayBundle?
        var uncaughtError: (typeName: String, description: String)?
        /// The last part of what the cell wrote to standard error (to find a trap message).
        var standardErrorTail: String
        /// The runtime's trap message and stack trace, taken out of the standard error stream.
        var trapReportLines: [Substring] = []
        /// Whether the session stopped the cell by force after an interrupt.
        var wasStoppedByForce: Bool
        /// Whether an interrupt arrived while the cell ran (it may have stopped cooperatively).
        var wasInterrupted = false
        /// For a delivered comm event: whether a handler took it (nil if it never said).
        var commAccepted: Bool?
    }

    /// The interrupt state of the cell being run, shared with `interrupt()`.
    private let interruptRequestedAt = Mutex<ContinuousClock.Instant?>(nil)

    /// How often the output files are read while a cell runs without events.
    private static let outputPollInterval: Duration = .milliseconds(20)

    /// Runs one cell library, forwarding its output as it appears, until the cell ends.
    func run(
        libraryPath: String, entrySymbol: String, runNumber: Int, output: SessionOutput, gracePeriod: Duration, outputLimit: Int64?
    ) -> CellRun? {
        run(.runCell(libraryPath: libraryPath, entrySymbol: entrySymbol, parentMessageID: output.parentMessageID ?? "", runNumber: runNumber),
            output: output, gracePeriod: gracePeriod,
            outputLimit: outputLimit)
    }

    /// Runs one command that runs code in a runner (a cell, or a comm event's handler),
    /// forwarding its output as it appears, until it ends.
    /// Returns nil when the executor itself is gone (the session must start a new one).
    ///
    /// At most `outputLimit` bytes of the cell's standard output and error reach `output`
    /// (nil: no limit); what is over is passed over unread, and a note at the end says how much.
    func run(_ command: ExecutorCommand, output: SessionOutput, gracePeriod: Duration, outputLimit: Int64?) -> CellRun? {
        interruptRequestedAt.withLock { $0 = nil }
        standardOutput.restart()
        standardError.restart()
        guard commands.send(command) else { return nil }
        var errorTail = ""
        var stackTraceFilter = StackTraceFilter()
        var run = CellRun(termination: .completed, standardErrorTail: "", wasStoppedByForce: false)
        var forwardedBytes: Int64 = 0
        var droppedBytes: Int64 = 0
        /// Sends what the files hold up to the given ends (nil: up to their current size),
        /// within the output limit.
        func forward(outputEnd: Int64?, errorEnd: Int64?, final: Bool = false) {
            var text = standardOutput.read(upTo: outputEnd, maxBytes: (outputLimit ?? .max) - forwardedBytes)
            forwardedBytes += Int64(text.utf8.count)
            droppedBytes += standardOutput.skip(upTo: outputEnd)
            if final { text += standardOutput.flushText() }
            if !text.isEmpty { output.standardOutput(text) }
            // Standard error is read whole (the trap report is in it) but passed on within the limit.
            var errorText = stackTraceFilter.filter(standardError.read(upTo: errorEnd))
            if final { errorText += stackTraceFilter.filter(standardError.flushText()) + stackTraceFilter.flush() }
            if !errorText.isEmpty {
                errorTail = String((errorTail + errorText).suffix(4096))
                let room = max(0, (outputLimit ?? .max) - forwardedBytes)
                let shown = errorText.utf8.count <= room ? errorText : String(decoding: errorText.utf8.prefix(Int(room)), as: UTF8.self)
                forwardedBytes += Int64(shown.utf8.count)
                droppedBytes += Int64(errorText.utf8.count - shown.utf8.count)
                if !shown.isEmpty { output.standardError(shown) }
            }
            if final, droppedBytes > 0, let outputLimit {
                output.standardError("\n[swift-margin] the output limit of \(ByteCountText.describe(outputLimit)) per cell was reached: "
                    + "\(ByteCountText.describe(droppedBytes)) more output was not shown (%output_limit changes the limit; %keep_output FILE keeps it all)\n")
            }
        }
        while true {
            // The files' sizes before looking for an event: bytes below them were written
            // before any event not yet sent, so they may be shown when no event is waiting.
            let outputSize = standardOutput.size
            let errorSize = standardError.size
            if !waitForEvents([events.fileDescriptor], timeout: Self.outputPollInterval).isEmpty {
                guard let frame = events.receive(ExecutorEventFrame.self) else {
                    runner.withLock { $0 = nil }
                    return nil
                }
                // Only the executor and this cell's runner speak for the cell; a process the
                // cell forked must not answer for it (or for a later cell).
                let sender = frame.senderProcessID
                let currentRunner = runner.withLock { $0 }
                let isCellStart = if case .cellStarted = frame.event { currentRunner == nil } else { false }
                guard sender == executorProcessID || sender == currentRunner || isCellStart else { continue }
                forward(outputEnd: frame.standardOutputEnd, errorEnd: frame.standardErrorEnd)
                switch frame.event {
                case .ready(let processID):
                    knownProcesses.insert(processID)
                case .cellStarted(let processID):
                    knownProcesses.insert(processID)
                    runner.withLock { $0 = processID }
                case .display(let bundle, let displayID, let update):
                    output.display(bundle, displayID: displayID, update: update)
                case .clearOutput(let wait):
                    output.clearOutput(wait: wait)
                case .comm(let event):
                    output.comm(event)
                case .commHandled(let accepted):
                    run.commAccepted = accepted
                case .result(let bundle):
                    run.result = bundle
                case .uncaughtError(let typeName, let description):
                    run.uncaughtError = (typeName, description)
                case .inputRequested(let prompt, let password):
                    let answer = output.readInput(prompt: prompt, password: password)
                    _ = commands.send(ExecutorCommand.input(answer))
                case .cellFinished(let termination):
                    if termination == .completed, let currentRunner { executorProcessID = currentRunner }
                    forward(outputEnd: nil, errorEnd: nil, final: true)
                    run.termination = termination
                    run.standardErrorTail = errorTail
                    run.trapReportLines = stackTraceFilter.removed
                    run.wasInterrupted = interruptRequestedAt.withLock { $0 != nil }
                    runner.withLock { $0 = nil }
                    collectExitedProcesses()
                    return run
                }
            } else {
                forward(outputEnd: outputSize, errorEnd: errorSize)
            }
            if let requested = interruptRequestedAt.withLock({ $0 }), ContinuousClock.now - requested > gracePeriod,
               let processID = runner.withLock({ $0 }), !run.wasStoppedByForce {
                kill(processID, SIGKILL)
                run.wasStoppedByForce = true
            }
        }
    }

    /// Asks the running cell to stop: SIGINT now (long library loops stop cooperatively),
    /// SIGKILL after the grace period if it is still running. Returns false when no cell runs.
    @discardableResult
    func interrupt() -> Bool {
        guard let processID = runner.withLock({ $0 }) else { return false }
        interruptRequestedAt.withLock { if $0 == nil { $0 = ContinuousClock.now } }
        kill(processID, SIGINT)
        return true
    }

    /// Collects every child process that has exited. Executor processes become the session's
    /// children only once the checkpoint that forked them exits (the session is their
    /// subreaper), so they are collected by a sweep rather than by process id. The session
    /// starts its other children (the compiler) and waits for them on this same thread, so
    /// the sweep never takes another waiter's child.
    private func collectExitedProcesses() {
        for process in ChildProcess.collectEndedChildren() { knownProcesses.remove(process) }
    }
}
