import Foundation
import JupyterKernel

/// The heartbeat: a REP socket on its own thread that echoes every message at once, so the
/// frontend sees the kernel alive while a cell runs for minutes.
struct Heartbeat {
    /// How long one poll lasts; bounds how late a stop is noticed.
    static let pollSlice: Duration = .milliseconds(50)
    /// How long the loop pauses after an error before it polls again, so a broken socket
    /// does not spin.
    static let pauseAfterError: TimeInterval = 0.05

    let socket: ZeroMQSocket
    let log: KernelLog
    /// Asked before every poll; the loop ends when it returns false.
    let keepRunning: @Sendable () -> Bool

    /// Starts the echo loop on a thread named `kernel-heartbeat`.
    func start() -> KernelThread {
        KernelThread(name: "kernel-heartbeat") { serve() }
    }

    private func serve() {
        while keepRunning() {
            do {
                if let ping = try socket.receive(timeout: Self.pollSlice) { try socket.send(ping) }
            } catch {
                log(.error, "heartbeat: \(error)")
                Thread.sleep(forTimeInterval: Self.pauseAfterError)
            }
        }
    }
}
