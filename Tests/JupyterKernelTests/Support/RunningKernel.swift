import Foundation
import JupyterWire
import Testing

@testable import JupyterKernel

/// A test failure with a message, for waits that time out.
struct TestTimeout: Error, CustomStringConvertible {
    var description: String
}

/// Collects log lines so tests can check what the kernel logged.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    var lines: [String] { lock.withLock { stored } }

    var log: KernelLog {
        KernelLog(level: .debug) { [self] line in lock.withLock { stored.append(line) } }
    }

    /// Whether a line contains `text`.
    func contains(_ text: String) -> Bool { lines.contains { $0.contains(text) } }
}

/// Hands out ports no other test in this process has used, away from Linux's ephemeral range
/// (32768-60999) so a client connection cannot be holding one. A port another process holds
/// makes the server's bind fail, and ``RunningKernel/start(backend:key:)`` tries new ones.
enum PortPicker {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var used = Set<Int>()

    static func pick(_ count: Int) -> [Int] {
        lock.withLock {
            var ports: [Int] = []
            while ports.count < count {
                let port = Int.random(in: 20000..<32000)
                if used.insert(port).inserted { ports.append(port) }
            }
            return ports
        }
    }
}

/// A ``KernelServer`` running `run()` on its own thread, with a ``FakeBackend``.
final class RunningKernel: @unchecked Sendable {
    let server: KernelServer
    let backend: FakeBackend
    let connection: ConnectionFile
    let recorder: LogRecorder
    private let lock = NSLock()
    private var result: Result<Bool, Error>?
    private let finished = DispatchSemaphore(value: 0)

    private init(connection: ConnectionFile, backend: FakeBackend) {
        self.connection = connection
        self.backend = backend
        self.recorder = LogRecorder()
        self.server = KernelServer(connection: connection, backend: backend, log: recorder.log)
    }

    /// A kernel serving on fresh loopback ports with `key` (a random one by default).
    static func start(
        backend: FakeBackend = FakeBackend(), key: String = UUID().uuidString, configure: (KernelServer) -> Void = { _ in }
    ) throws -> RunningKernel {
        for _ in 0..<10 {
            let ports = PortPicker.pick(5)
            let connection = ConnectionFile(
                shellPort: ports[0], iopubPort: ports[1], stdinPort: ports[2], controlPort: ports[3],
                heartbeatPort: ports[4], key: key)
            let kernel = RunningKernel(connection: connection, backend: backend)
            configure(kernel.server)
            if try kernel.launch() { return kernel }
        }
        throw TestTimeout(description: "no free ports after 10 tries")
    }

    /// Starts `run()`; `false` when binding failed (the ports are taken).
    private func launch() throws -> Bool {
        let ready = DispatchSemaphore(value: 0)
        server.onServing = { ready.signal() }
        let thread = Thread { [self] in
            let outcome = Result { try server.run() }
            lock.withLock { result = outcome }
            ready.signal()
            finished.signal()
        }
        thread.start()
        guard ready.wait(timeout: .now() + 5) == .success else {
            throw TestTimeout(description: "the server did not start within 5 s")
        }
        if case .failure(let error) = lock.withLock({ result }) {
            if case KernelServerError.bindFailed = error { return false }
            throw error
        }
        return true
    }

    /// Waits up to `timeout` for `run()` to return; its result, or `nil` if it is still running.
    func waitForExit(timeout: TimeInterval = 5) -> Result<Bool, Error>? {
        guard finished.wait(timeout: .now() + timeout) == .success else { return nil }
        finished.signal()  // later waits return at once
        return lock.withLock { result }
    }

    /// Stops the server and waits for `run()` to return.
    func stop() {
        server.stop()
        _ = waitForExit()
    }
}
