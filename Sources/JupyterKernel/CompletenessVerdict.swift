/// Whether code is ready to run: the `status` of `is_complete_reply`.
public enum CompletenessVerdict: Sendable, Equatable {
    /// Ready to run.
    case complete
    /// More lines are needed; `indent` is the suggested indentation of the next one.
    case incomplete(indent: String)
    /// It can never be valid (a console runs it to show the error).
    case invalid
    /// The backend cannot tell.
    case unknown
}
