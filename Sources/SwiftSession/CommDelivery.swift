import NotebookDisplay

/// What became of a comm event the front end sent (a widget's new value, a click).
public enum CommDelivery: Sendable, Equatable {
    /// A handler a cell registered took it; what it changed stays in the session.
    case accepted
    /// No handler exists for it (an unknown target or comm); the session is unchanged.
    case noHandler
    /// The handler trapped, exited or was stopped: the session is as it was before the event,
    /// the failure's traceback went to standard error, and the comms the handler opened are closed.
    case failed(CellFailure)
}
