import Foundation
import JupyterWire

/// The control loop, on its own thread so that `interrupt_request` and `shutdown_request`
/// are answered while a cell runs on the shell thread.
///
/// When the server stops for any reason, this thread is the one that tells the backend
/// (`shutdown(restart:)`, once), so a stop from SIGTERM or parent death reaches the backend
/// even while `execute` blocks the shell thread.
struct ControlChannel {
    /// How long one poll lasts; bounds how late a stop is noticed.
    static let pollSlice: Duration = .milliseconds(50)

    let transport: KernelTransport
    let dispatcher: RequestDispatcher
    let state: ServerState
    let log: KernelLog

    /// Starts the loop on a thread named `kernel-control`.
    func start() -> KernelThread {
        KernelThread(name: "kernel-control") { serve() }
    }

    private func serve() {
        let receiver = PollingReceiver(transport: transport, channel: .control, pollSlice: Self.pollSlice, log: log)
        receiver.serve(while: { !state.isStopping }) { frames in
            guard
                let request = IncomingMessage.decode(
                    frames, channel: "control", signer: dispatcher.session.signer, log: log)
            else { return }
            dispatcher.handle(request, on: .control)
        }
        if state.claimBackendShutdown() {
            let restart = state.restart
            log(.info, "stopping: shutting the backend down (restart: \(restart))")
            dispatcher.backend.shutdown(restart: restart)
        }
    }
}
