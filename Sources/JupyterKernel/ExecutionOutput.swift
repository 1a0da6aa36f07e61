/// The name of an output stream: `stream` messages' `name`.
public enum StreamName: String, Sendable, CaseIterable {
    /// Standard output.
    case stdout
    /// Standard error.
    case stderr
}

/// Where a running request's outputs go. The server implements it; the backend calls it during
/// ``KernelBackend/execute(_:output:)`` and the comm methods (``KernelBackend/commOpen(_:output:)``,
/// …), on the shell thread or any other (it is thread-safe).
///
/// Every call publishes at once on IOPub with the request being handled as parent.
public protocol ExecutionOutput: AnyObject {
    /// The `msg_id` of the request being handled (the `execute_request` or comm message), which
    /// is the parent of everything published here. Front ends route outputs by it: an ipywidgets
    /// Output widget whose `msg_id` state is this id captures them.
    var parentMessageID: String { get }

    /// Publishes `stream` `{name, text}`.
    func stream(_ name: StreamName, _ text: String)

    /// Publishes `display_data` `{data, metadata, transient}`; `transient.display_id` is
    /// `displayID` when given, so the output can be updated later.
    func display(_ bundle: MIMEBundle, displayID: String?)

    /// Publishes `update_display_data`, replacing every output shown with `displayID`.
    func updateDisplay(_ bundle: MIMEBundle, displayID: String)

    /// Publishes `clear_output` `{wait}`; with `wait` the frontend clears when the next
    /// output arrives.
    func clearOutput(wait: Bool)

    /// Opens a comm from the kernel side: publishes `comm_open` `{comm_id, target_name, data,
    /// target_module?}` with `open`'s metadata and buffers (as frames after the content), and
    /// lists the comm as open. Returns `false`, publishing nothing, when a comm with that id is
    /// open already.
    @discardableResult
    func openComm(_ open: CommOpen) -> Bool

    /// Publishes `comm_msg` `{comm_id, data}` with `message`'s metadata and buffers. Returns
    /// `false`, publishing nothing, when the comm is not open (never opened, or closed by
    /// either side).
    @discardableResult
    func sendCommMessage(_ message: CommMessage) -> Bool

    /// Publishes `comm_close` `{comm_id, data}` with `message`'s metadata and buffers, and
    /// forgets the comm. Returns `false`, publishing nothing, when the comm is not open.
    @discardableResult
    func closeComm(_ message: CommMessage) -> Bool

    /// Sends `input_request` `{prompt, password}` on the stdin channel and waits for the
    /// `input_reply`'s value.
    ///
    /// Returns `nil` at once when the request had `allow_stdin` false, and `nil` when the wait
    /// ends without a reply: an interrupt (`interrupt_request` or SIGINT) or the server stopping.
    func readInput(prompt: String, password: Bool) -> String?
}
