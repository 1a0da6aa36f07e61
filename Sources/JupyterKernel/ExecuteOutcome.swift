/// How an execution ended, which decides the `execute_reply` status.
public enum ExecuteOutcome: Sendable, Equatable {
    /// It ran; `result`, when given and the request is not silent, is published as `execute_result`.
    case success(result: MIMEBundle?)
    /// It failed: published as `error`, and the reply has status `"error"` with the same fields.
    case failure(KernelError)
    /// It did not run to the end (e.g. the kernel is shutting down): the reply has status `"aborted"`.
    case aborted
}
