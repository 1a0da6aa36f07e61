import Foundation
import JupyterWire

/// A Jupyter kernel (messaging protocol 5.3) driving a ``KernelBackend`` over a
/// ``KernelTransport``.
///
/// `run()` serves control on its own thread and shell on the calling thread, and returns when
/// the kernel shuts down:
///
/// ```swift
/// // transport: e.g. KernelZeroMQ's, bound to the connection file's endpoints
/// let server = KernelServer(connection: connection, transport: transport, backend: backend, log: log)
/// server.installSignalHandlers()          // SIGINT interrupts, SIGTERM stops
/// let restart = try server.run()
/// ```
///
/// Every request is answered between `status: busy` and `status: idle` on IOPub; messages with
/// a bad signature or a broken layout are logged and dropped. See the module's README for the
/// rules each request follows.
public final class KernelServer: @unchecked Sendable {
    /// How to sign, and the ports `connect_request` reports.
    public let connection: ConnectionFile
    /// Where the messages come from and go to.
    public let transport: KernelTransport
    /// The language side.
    public let backend: KernelBackend
    /// The log.
    public let log: KernelLog
    /// The kernel's session id: the `session` of every message it sends.
    public var sessionID: String { session.id }

    let session: KernelSession
    let state = ServerState()
    private let lock = NSLock()
    private var hasRun = false
    private var dispatcher: RequestDispatcher?

    /// A server for `backend` on `transport`, signing with `connection`'s key; nothing is
    /// received until `run()`, which closes the transport when it returns.
    public init(connection: ConnectionFile, transport: KernelTransport, backend: KernelBackend, log: KernelLog) {
        self.connection = connection
        self.transport = transport
        self.backend = backend
        self.log = log
        self.session = KernelSession(signer: connection.signer)
    }

    /// Publishes `status: starting`, starts the control and parent-watcher threads, and serves
    /// shell on the calling thread until the kernel stops (`shutdown_request`, ``stop()``,
    /// SIGTERM, parent death); then closes the transport. Call once.
    ///
    /// - Returns: the `restart` flag of the `shutdown_request` (`false` for any other stop).
    /// - Throws: ``KernelServerError/alreadyRun`` on a second call.
    public func run() throws -> Bool {
        lock.lock()
        let ranBefore = hasRun
        hasRun = true
        lock.unlock()
        if ranBefore { throw KernelServerError.alreadyRun }
        let iopub = IOPubPublisher(transport: transport, session: session, log: log)
        let stdin = StdinChannel(transport: transport, session: session, state: state, log: log)
        let dispatcher = RequestDispatcher(
            backend: backend, transport: transport, session: session, iopub: iopub, stdin: stdin, state: state,
            connection: connection, log: log)
        lock.withLock { self.dispatcher = dispatcher }
        log(.info, "kernel \(session.id) serving")
        if !connection.signer.isSigning {
            log(.warning, "the connection file's key is empty: messages are not authenticated")
        }

        iopub.status("starting", parent: nil)
        let control = ControlChannel(transport: transport, dispatcher: dispatcher, state: state, log: log).start()
        let watcher = ParentWatcher(state: state, log: log) { [weak self] in self?.stop() }.start()

        ShellChannel(transport: transport, dispatcher: dispatcher, state: state, log: log).serve()

        // The control thread tells the backend to shut down (once) before it ends.
        control.join()
        watcher.join()
        stdin.close()
        iopub.close()
        transport.close()
        lock.withLock { self.dispatcher = nil }
        SignalRelay.unregister(self)
        let restart = state.restart
        log(.info, "kernel \(session.id) stopped (restart: \(restart))")
        return restart
    }

    /// Asks the server to stop: the loops end within a poll slice, the backend's
    /// `shutdown(restart: false)` is called (unless a `shutdown_request` already did), and
    /// `run()` returns `false` once a running `execute` has returned. Thread-safe; may be called
    /// before `run()` (which then stops at once) and more than once.
    public func stop() {
        state.requestStop(restart: false)
    }

    /// What `interrupt_request` and SIGINT do: ends a pending input wait
    /// (``cancelPendingInput()``), then calls the backend's `interrupt()`. Thread-safe.
    public func interrupt() {
        if let dispatcher = lock.withLock({ dispatcher }) {
            dispatcher.interrupt()
        } else {
            backend.interrupt()
        }
    }

    /// Ends a pending ``ExecutionOutput/readInput(prompt:password:)`` wait with `nil`; does
    /// nothing when no input is awaited. Thread-safe.
    public func cancelPendingInput() {
        lock.withLock { dispatcher }?.stdin.cancelPendingInput()
    }

    /// Makes SIGINT call ``interrupt()`` and SIGTERM call ``stop()`` until `run()` returns.
    /// The handlers are process-wide; the previous ones come back when the last server that
    /// installed them stops. Call before `run()`.
    public func installSignalHandlers() {
        SignalRelay.register(self)
    }
}
