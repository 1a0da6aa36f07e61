import Foundation
import JupyterWire

/// A Jupyter kernel over ZeroMQ (messaging protocol 5.3), driving a ``KernelBackend``.
///
/// `run()` binds the five sockets of the connection file, serves heartbeat and control on their
/// own threads and shell on the calling thread, and returns when the kernel shuts down:
///
/// ```swift
/// let server = KernelServer(connection: try ConnectionFile.load(from: path), backend: backend,
///                           log: KernelLog(level: .info))
/// server.installSignalHandlers()          // SIGINT interrupts, SIGTERM stops
/// let restart = try server.run()
/// ```
///
/// Every request is answered between `status: busy` and `status: idle` on IOPub; messages with
/// a bad signature or a broken layout are logged and dropped. See the module's README for the
/// rules each request follows.
public final class KernelServer: @unchecked Sendable {
    /// Where to listen and how to sign.
    public let connection: ConnectionFile
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
    /// Called on the serving thread once the sockets are bound and every thread runs (tests).
    var onServing: (() -> Void)?

    /// A server for `backend` on the sockets `connection` describes; nothing is bound until `run()`.
    public init(connection: ConnectionFile, backend: KernelBackend, log: KernelLog) {
        self.connection = connection
        self.backend = backend
        self.log = log
        self.session = KernelSession(signer: connection.signer)
    }

    /// Binds the five sockets to the connection file's endpoints, publishes `status: starting`,
    /// starts the heartbeat, control and parent-watcher threads, and serves shell on the calling
    /// thread until the kernel stops (`shutdown_request`, ``stop()``, SIGTERM, parent death).
    /// Call once.
    ///
    /// - Returns: the `restart` flag of the `shutdown_request` (`false` for any other stop).
    /// - Throws: ``KernelServerError``: `bindFailed` names the channel, endpoint and port that
    ///   could not be bound.
    public func run() throws -> Bool {
        lock.lock()
        let ranBefore = hasRun
        hasRun = true
        lock.unlock()
        if ranBefore { throw KernelServerError.alreadyRun }
        let sockets = try KernelSockets.bind(connection)
        let iopub = IOPubPublisher(socket: sockets.iopub, session: session, log: log)
        let stdin = StdinChannel(socket: sockets.stdin, session: session, state: state, log: log)
        let dispatcher = RequestDispatcher(
            backend: backend, session: session, iopub: iopub, stdin: stdin, state: state, connection: connection,
            log: log)
        lock.withLock { self.dispatcher = dispatcher }
        let endpoints = ConnectionFile.Channel.allCases.map { "\($0.rawValue) \(connection.endpoint(for: $0))" }
        log(.info, "kernel \(session.id) listening: \(endpoints.joined(separator: ", "))")
        if !connection.signer.isSigning {
            log(.warning, "the connection file's key is empty: messages are not authenticated")
        }

        iopub.status("starting", parent: nil)
        let heartbeat = Heartbeat(socket: sockets.heartbeat, state: state, log: log).start()
        let control = ControlChannel(socket: sockets.control, dispatcher: dispatcher, state: state, log: log).start()
        let watcher = ParentWatcher(state: state, log: log) { [weak self] in self?.stop() }.start()
        onServing?()

        ShellChannel(socket: sockets.shell, dispatcher: dispatcher, state: state, log: log).serve()

        // The control thread tells the backend to shut down (once) before it ends.
        control.join()
        heartbeat.join()
        watcher.join()
        stdin.close()
        iopub.close()
        sockets.closeChannels()
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
