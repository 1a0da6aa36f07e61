import NotebookDisplay

/// Where a running cell's output goes, as it happens (a notebook front end, a terminal, a test).
public protocol SessionOutput: AnyObject {
    /// Text the cell printed to standard output.
    func standardOutput(_ text: String)
    /// Text the cell (or the runtime, e.g. a trap message) printed to standard error.
    func standardError(_ text: String)
    /// A value shown with `display(_:)`; with `update`, it replaces the display `displayID`.
    func display(_ bundle: DisplayBundle, displayID: String?, update: Bool)
    /// The cell asked to clear its output.
    func clearOutput(wait: Bool)
    /// The cell reads a line; nil when no input is available.
    func readInput(prompt: String, password: Bool) -> String?
    /// The cell sent a comm event to the front end (a widget opened, changed or closed).
    func comm(_ event: CommEvent)
    /// The front end's id of the request whose output this is (a Jupyter message's msg_id),
    /// handed to the cell as `CommRouter.currentMessageID`; nil without a front end.
    var parentMessageID: String? { get }
}

extension SessionOutput {
    /// No front end's request: nil.
    public var parentMessageID: String? { nil }
}

/// How a cell ended.
public enum CellOutcome: Sendable, Equatable {
    /// It ran to the end; `result` is its trailing expression's value, if it had one.
    case completed(result: DisplayBundle?)
    /// It did not compile, trapped, was interrupted, or threw; see the failure.
    case failed(CellFailure)
}

/// Why a cell failed, in the shape notebook front ends show errors.
public struct CellFailure: Error, Sendable, Equatable {
    /// The kind of failure, e.g. "CompileError", "Trap", "Interrupted", or a thrown error's type.
    public var name: String
    /// One line saying what happened.
    public var message: String
    /// The details, one entry per line (diagnostics with source lines and carets).
    public var details: [String]

    /// A failure of the given kind.
    public init(name: String, message: String, details: [String] = []) {
        self.name = name
        self.message = message
        self.details = details
    }

    /// The lines a front end shows: the details, or `name: message` when there are none.
    public var traceback: [String] {
        details.isEmpty ? ["\(name): \(message)"] : details
    }
}
