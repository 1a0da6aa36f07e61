import Foundation
import JupyterKernel
import JupyterWire

/// A ``KernelServer`` with a ``FakeBackend`` running `run()` on its own thread, and the
/// client's end of its transport.
public final class RunningKernel: @unchecked Sendable {
    /// The server.
    public let server: KernelServer
    /// The backend it drives.
    public let backend: FakeBackend
    /// Its connection file: the key, and the ports connect_request reports.
    public let connection: ConnectionFile
    /// Everything the server logged.
    public let recorder: LogRecorder
    /// The client's end of the transport, for ``KernelTestClient``.
    public let client: KernelTransport
    private let lock = NSLock()
    private var result: Result<Bool, Error>?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts `run()` for a server on `transport` (whose other end is `client`) with `backend`;
    /// `configure` sees the server first.
    public init(
        connection: ConnectionFile, transport: KernelTransport, client: KernelTransport,
        backend: FakeBackend = FakeBackend(), configure: (KernelServer) -> Void = { _ in }
    ) {
        self.connection = connection
        self.backend = backend
        self.client = client
        self.recorder = LogRecorder()
        self.server = KernelServer(connection: connection, transport: transport, backend: backend, log: recorder.log)
        configure(server)
        let thread = Thread { [self] in
            let outcome = Result { try server.run() }
            lock.withLock { result = outcome }
            finished.signal()
        }
        thread.start()
    }

    /// Waits up to `timeout` for `run()` to return; its result, or `nil` if it is still running.
    public func waitForExit(timeout: TimeInterval = 5) -> Result<Bool, Error>? {
        guard finished.wait(timeout: .now() + timeout) == .success else { return nil }
        finished.signal()  // later waits return at once
        return lock.withLock { result }
    }

    /// Stops the server, waits for `run()` to return, and closes the client's end.
    public func stop() {
        server.stop()
        _ = waitForExit()
        client.close()
    }
}
