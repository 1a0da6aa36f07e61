#if canImport(Glibc)
import Glibc
#endif
import CCellTrapTrace
import ExecutorLink
import Foundation
import NotebookDisplay
import ProcessSpawning

/// The executor process's main loop: it holds the session (every cell library loaded so far
/// and the state they built) and runs one cell at a time.
///
/// Each cell runs in a forked copy of the executor, the *runner*, while the process that
/// forked it waits as a checkpoint. When the cell returns, the runner takes over as the
/// executor and the checkpoint exits. When the runner dies (a trap, a signal, an `exit`, an
/// interrupt that had to kill it), the checkpoint reports how and carries on: the session is
/// exactly as it was before the cell.
public enum ExecutorLoop {
    /// Serves commands until `shutdown` or until the session closes its end of the pipe.
    /// `onInterrupt` runs (in a signal handler: keep it async-signal-safe, e.g. an atomic
    /// store) when the session sends SIGINT to a running cell; `beforeEachCell` runs in the
    /// runner before the cell (e.g. to clear a stop request a previous cell left unanswered).
    public static func run(
        commandDescriptor: Int32, eventDescriptor: Int32,
        beforeEachCell: @escaping () -> Void = {}, onInterrupt: @escaping @Sendable () -> Void
    ) -> Never {
        let commands = FramedChannel(fileDescriptor: commandDescriptor)
        let events = FramedChannel(fileDescriptor: eventDescriptor)
        setvbuf(stdout, nil, _IOLBF, 0)
        signal(SIGINT, SIG_IGN)
        signal(SIGPIPE, SIG_IGN)
        // A trap names the cell lines on its stack, also from optimised library code.
        _ = cell_trap_trace_install()
        interruptAction = onInterrupt
        cellPreparation = beforeEachCell
        ExecutorConnection.connect(commands: commands, events: events)
        CellTaskQueue.shared.installGlobalHook()
        ExecutorConnection.send(.ready(processID: getpid()))
        while let command = commands.receive(ExecutorCommand.self) {
            switch command {
            case .shutdown:
                fflush(nil)
                _exit(0)
            case .input:
                continue  // an answer that arrived after its cell ended
            case .runCell(let libraryPath, let entrySymbol, let parentMessageID, let runNumber):
                CommRouter.currentMessageID = parentMessageID
                DisplayID.begin(messageID: parentMessageID, runNumber: runNumber)
                runInRunner(commandDescriptor: commandDescriptor) {
                    loadAndRun(libraryPath: libraryPath, entrySymbol: entrySymbol)
                }
            case .deliverComm(let event, let parentMessageID, let runNumber):
                CommRouter.currentMessageID = parentMessageID
                DisplayID.begin(messageID: parentMessageID, runNumber: runNumber)
                runInRunner(commandDescriptor: commandDescriptor) {
                    let accepted = CommRouter.deliver(event)
                    ExecutorConnection.send(.commHandled(accepted: accepted))
                    CellTaskQueue.shared.runReadyJobs()
                    return .completed
                }
            }
        }
        fflush(nil)
        _exit(0)
    }

    /// What the runner writes to the checkpoint before it goes on.
    private enum Handover: UInt8 {
        /// The cell completed: the runner is the executor now; the checkpoint exits.
        case takeOver = 84  // "T"
        /// The runner reported a failure itself and exits; the checkpoint carries on.
        case reportedAndExiting = 82  // "R"
    }

    /// Runs `work` (a cell, or a comm handler) in a runner forked from this process, which
    /// takes over as the executor when `work` completes; otherwise this process carries on.
    private static func runInRunner(commandDescriptor: Int32, _ work: () -> CellTermination) {
        fflush(nil)
        var handover: [Int32] = [0, 0]
        guard pipe(&handover) == 0 else {
            ExecutorConnection.send(.cellFinished(.loadFailed("cannot create a pipe: \(String(cString: strerror(errno)))")))
            return
        }
        let runner = fork()
        if runner < 0 {
            close(handover[0])
            close(handover[1])
            ExecutorConnection.send(.cellFinished(.loadFailed("cannot fork the executor: \(String(cString: strerror(errno)))")))
            return
        }
        if runner == 0 {
            close(handover[0])
            let runnerProcessID = getpid()
            cellPreparation()
            signal(SIGINT, interruptSignalHandler)
            ExecutorConnection.send(.cellStarted(processID: runnerProcessID))
            let outcome = work()
            fflush(nil)
            // A process the cell forked that returned from the cell in its own right: it is not
            // the runner, so it must not take over the session or read its commands.
            if getpid() != runnerProcessID { _exit(0) }
            signal(SIGINT, SIG_IGN)
            if outcome == .completed {
                write(handover[1], [Handover.takeOver.rawValue], 1)
                close(handover[1])
                ExecutorConnection.send(.cellFinished(.completed))
                return
            }
            ExecutorConnection.send(.cellFinished(outcome))
            write(handover[1], [Handover.reportedAndExiting.rawValue], 1)
            _exit(0)
        }
        close(handover[1])
        waitForHandoverOrSessionEnd(handover: handover[0], commandDescriptor: commandDescriptor, runner: runner)
        var byte: UInt8 = 0
        var got: Int
        repeat { got = read(handover[0], &byte, 1) } while got < 0 && errno == EINTR
        close(handover[0])
        if got == 1, byte == Handover.takeOver.rawValue {
            _exit(0)
        }
        let end = ChildProcess(processID: runner).waitForEnd()
        if got == 1 { return }  // the runner reported its own failure
        let termination: CellTermination = switch end {
        case .exited(let code)?: .exited(code)
        case .killed(let signal)?: .killedBySignal(signal)
        case nil: .loadFailed("the cell's process could not be waited for")
        }
        ExecutorConnection.send(.cellFinished(termination))
    }

    /// Waits until the runner writes its handover or ends. If the session's end of the command
    /// pipe closes first (the kernel died, even by SIGKILL), the runner and this checkpoint end
    /// at once: a cell must not run on with no one to answer to.
    private static func waitForHandoverOrSessionEnd(handover: Int32, commandDescriptor: Int32, runner: pid_t) {
        // No POLLIN on the commands: they belong to the runner (its input answers); a hang-up is
        // reported whatever is asked for.
        while true {
            let events = waitForEvents([handover], hangUpOnly: [commandDescriptor], timeout: nil)
            if events.contains(where: { $0.descriptor == handover }) { return }
            if events.contains(where: { $0.descriptor == commandDescriptor && $0.hungUp }) {
                kill(runner, SIGKILL)
                _exit(0)
            }
        }
    }

    private static func loadAndRun(libraryPath: String, entrySymbol: String) -> CellTermination {
        guard let library = dlopen(libraryPath, RTLD_NOW | RTLD_GLOBAL) else {
            return .loadFailed(String(cString: dlerror()))
        }
        guard let entry = dlsym(library, entrySymbol) else {
            return .loadFailed("no entry function \(entrySymbol) in \(libraryPath)")
        }
        typealias CellEntry = @convention(c) () -> Void
        unsafeBitCast(entry, to: CellEntry.self)()
        CellTaskQueue.shared.runReadyJobs()
        return .completed
    }
}

/// What runs in a runner before its cell.
nonisolated(unsafe) private var cellPreparation: () -> Void = {}

/// The action a SIGINT triggers in a runner (set once, before any runner forks).
nonisolated(unsafe) private var interruptAction: (@Sendable () -> Void)?

private func interruptSignalHandler(_ signal: Int32) {
    interruptAction?()
}
