/// One `execute_request`, as the backend sees it.
public struct ExecuteRequest: Sendable, Equatable {
    /// `code`: the cell's text.
    public var code: String
    /// `silent`: run without `execute_input`, `execute_result` or history, and without
    /// counting.
    public var silent: Bool
    /// `store_history`: record the cell and give it a new execution count
    /// (always `false` when `silent`).
    public var storeHistory: Bool
    /// `allow_stdin`: whether ``ExecutionOutput/readInput(prompt:password:)`` can ask the frontend.
    public var allowStdin: Bool
    /// `user_expressions`: names to expressions the frontend wants evaluated afterwards.
    public var userExpressions: [String: String]
    /// The count this request gets: a new one when it is stored (not silent, `store_history`
    /// true), otherwise the last one given (0 before any).
    public var executionCount: Int

    /// A request from its fields.
    public init(
        code: String, silent: Bool = false, storeHistory: Bool = true, allowStdin: Bool = true,
        userExpressions: [String: String] = [:], executionCount: Int
    ) {
        self.code = code
        self.silent = silent
        self.storeHistory = storeHistory
        self.allowStdin = allowStdin
        self.userExpressions = userExpressions
        self.executionCount = executionCount
    }
}
