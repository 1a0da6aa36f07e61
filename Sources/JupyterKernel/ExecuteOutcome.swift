/// How an execution ended, which decides the `execute_reply` status.
public enum ExecuteOutcome: Sendable, Equatable {
    /// It ran; `result`, when given and the request is not silent, is published as `execute_result`.
    case success(result: MIMEBundle?)
    /// It failed: published as `error`, and the reply has status `"error"` with the same fields.
    case failure(KernelError)
    /// The code asked the front end to end, as `exit` and `quit` do in IPython: the reply has
    /// status `"ok"` and the payload `{"source": "ask_exit", "keepkernel": false}`, on which a
    /// console (jupyter console) ends and shuts the kernel down; notebooks ignore it.
    case exitRequested
    /// It did not run to the end (e.g. the kernel is shutting down): the reply has status `"aborted"`.
    case aborted
}
