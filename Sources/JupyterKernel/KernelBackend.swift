/// What the language side of a kernel provides; ``KernelServer`` drives it.
///
/// The server calls `execute`, `isComplete`, `complete`, `inspect` and the three comm
/// methods on the shell thread, one request at a time; `interrupt` comes from the control thread or a SIGINT watcher,
/// possibly while `execute` runs; `shutdown` comes once, from the control thread (or the
/// shell thread for a `shutdown_request` sent on shell).
///
/// ```swift
/// final class EchoBackend: KernelBackend {
///     let kernelInfo = KernelInfo(implementation: "echo", implementationVersion: "1.0", languageName: "text", …)
///     func execute(_ request: ExecuteRequest, output: ExecutionOutput) -> ExecuteOutcome {
///         output.stream(.stdout, request.code)
///         return .success(result: nil)
///     }
///     …
/// }
/// ```
public protocol KernelBackend: AnyObject {
    /// Facts for `kernel_info_reply` (implementation, language_info, banner, help_links).
    var kernelInfo: KernelInfo { get }

    /// Runs one `execute_request`. Called on the shell thread; outputs go through `output`
    /// as they happen, and all of them must be sent before this returns.
    func execute(_ request: ExecuteRequest, output: ExecutionOutput) -> ExecuteOutcome

    /// Whether `code` is ready to run (`is_complete_request`).
    func isComplete(_ code: String) -> CompletenessVerdict

    /// Completions at `cursorPosition` in `code` (`complete_request`).
    /// `cursorPosition` counts Unicode code points (unicode scalars), as the protocol says.
    func complete(_ code: String, cursorPosition: Int) -> CompletionMatches

    /// Help for the name at `cursorPosition` (`inspect_request`); `nil` when nothing is found.
    /// `cursorPosition` counts Unicode code points; `detailLevel` is 0 or 1.
    func inspect(_ code: String, cursorPosition: Int, detailLevel: Int) -> InspectionResult?

    /// The frontend opened a comm (`comm_open`) for `open.targetName`: returns whether the
    /// backend has that target and took the comm. Called on the shell thread.
    ///
    /// The kernel lists the comm as open (`comm_info_reply`) from before this call; on `false`
    /// it forgets the comm, logs the unknown target and sends `comm_close` back, as ipykernel
    /// does. Output sent through `output` (streams, displays, comm messages) is published with
    /// the comm_open as parent, before its `idle` status; a comm_open has no reply.
    func commOpen(_ open: CommOpen, output: ExecutionOutput) -> Bool

    /// A `comm_msg` from the frontend on a comm that is open (opened by either side and not
    /// closed); messages for other comm ids are logged and dropped without calling this.
    /// Called on the shell thread; output as for ``commOpen(_:output:)``, parented to the comm_msg.
    func commMessage(_ message: CommMessage, output: ExecutionOutput)

    /// The frontend closed an open comm (`comm_close`); the kernel has already forgotten it, so
    /// nothing more can be sent on it. Called on the shell thread; output as for
    /// ``commOpen(_:output:)``, parented to the comm_close.
    func commClose(_ message: CommMessage, output: ExecutionOutput)

    /// Interrupts the running cell, if any. Called from the control thread
    /// (`interrupt_request`) or on SIGINT, possibly while `execute` runs.
    func interrupt()

    /// Called once before the server stops (`shutdown_request`, SIGTERM, parent death).
    /// It should make a running `execute` return soon.
    func shutdown(restart: Bool)
}
