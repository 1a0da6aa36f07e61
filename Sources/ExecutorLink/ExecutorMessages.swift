import NotebookDisplay

/// What the session (in the kernel process) asks of its executor process.
public enum ExecutorCommand: Codable, Sendable, Equatable {
    /// Load the cell library at `libraryPath` and call its entry function `entrySymbol`.
    /// `parentMessageID` is the front end's id of the request (the `execute_request`'s msg_id;
    /// empty without a front end), which cell code reads as `CommRouter.currentMessageID`;
    /// `runNumber` the session's count of runs, which with it makes the run's ids (`DisplayID`).
    case runCell(libraryPath: String, entrySymbol: String, parentMessageID: String, runNumber: Int)
    /// Deliver an event the front end sent on a comm (a widget's new value, a click) to the
    /// handler a cell registered, in a runner as a cell runs: what it changes stays in the
    /// session; if it traps, the session is as before. `parentMessageID` is the comm
    /// message's msg_id and `runNumber` the session's count of runs, as for `runCell`.
    case deliverComm(CommEvent, parentMessageID: String, runNumber: Int)
    /// The answer to an `inputRequested` event; nil when no input is available.
    case input(String?)
    /// Leave the loop and exit.
    case shutdown
}

/// What the executor reports back, in the order it happens.
public enum ExecutorEvent: Codable, Sendable, Equatable {
    /// The executor is up and waiting for commands.
    case ready(processID: Int32)
    /// A cell started running in process `processID` (the one to signal on interrupt).
    case cellStarted(processID: Int32)
    /// `display(_:)` in a cell: show (or, with `update`, replace) a MIME bundle.
    case display(DisplayBundle, displayID: String?, update: Bool)
    /// Clear the cell's output (`wait`: when the next output arrives).
    case clearOutput(wait: Bool)
    /// A cell (or a comm handler) sent a comm event to the front end (a widget opened or changed).
    case comm(CommEvent)
    /// A delivered comm event found its handler (`accepted`), or none exists.
    case commHandled(accepted: Bool)
    /// The value of the cell's trailing expression.
    case result(DisplayBundle)
    /// An error the cell threw and did not catch.
    case uncaughtError(typeName: String, description: String)
    /// The cell reads standard input and waits for an `input` command.
    case inputRequested(prompt: String, password: Bool)
    /// The cell ended; the session now includes it (`loaded`) or is as before it.
    case cellFinished(CellTermination)
}

/// An event with how far the executor's standard output and error files had grown when it
/// was sent: the session shows the text before those ends first, so printed text and
/// displays appear in the order the cell produced them.
public struct ExecutorEventFrame: Codable, Sendable, Equatable {
    /// What happened.
    public var event: ExecutorEvent
    /// The size of the standard output file when the event was sent (after a flush).
    public var standardOutputEnd: Int64
    /// The size of the standard error file when the event was sent (after a flush).
    public var standardErrorEnd: Int64
    /// The process that sent it: the session listens only to the executor and the cell's
    /// runner, not to processes a cell forked that kept running.
    public var senderProcessID: Int32

    /// An event, the two file sizes and the sending process.
    public init(event: ExecutorEvent, standardOutputEnd: Int64, standardErrorEnd: Int64, senderProcessID: Int32) {
        self.event = event
        self.standardOutputEnd = standardOutputEnd
        self.standardErrorEnd = standardErrorEnd
        self.senderProcessID = senderProcessID
    }
}

/// How a cell ended.
public enum CellTermination: Codable, Sendable, Equatable {
    /// The entry function returned; the cell's declarations and state are in the session.
    case completed
    /// The library could not be loaded (dlopen or dlsym failed); the session is unchanged.
    case loadFailed(String)
    /// The process running the cell died of a signal; the session is as before the cell.
    case killedBySignal(Int32)
    /// The cell called `exit`; the session is as before the cell.
    case exited(Int32)
}
