import Foundation
import JupyterWire

/// The shell loop: receives requests on the transport's shell channel and hands them to the
/// dispatcher, on the thread that called `KernelServer.run()`, until the server stops.
///
/// After a failed execution with `stop_on_error`, the execute requests already waiting on the
/// channel are answered `aborted` without running (ipykernel's rule), before the failed
/// request's `idle`; other requests waiting with them are handled normally.
struct ShellChannel {
    /// How long one poll lasts; bounds how late a stop is noticed.
    static let pollSlice: Duration = .milliseconds(50)

    let transport: KernelTransport
    let dispatcher: RequestDispatcher
    let state: ServerState
    let log: KernelLog

    /// Serves until the server stops.
    func serve() {
        let receiver = PollingReceiver(transport: transport, channel: .shell, pollSlice: Self.pollSlice, log: log)
        receiver.serve(while: { !state.isStopping }) { frames in
            guard let request = decode(frames) else { return }
            let receivedAt = ContinuousClock.now
            dispatcher.handle(request, on: .shell) {
                abortQueuedExecutions(arrivingBefore: receivedAt + Self.abortWindow)
            }
        }
    }

    /// How long after a failing request arrived the requests that follow it still count as
    /// queued behind it, even if they are still in flight when it fails: a client that sends
    /// two cells back to back may have the second one arrive just after the first failed at
    /// once (a syntax error). ipykernel has a similar window (`stop_on_error_timeout`).
    static let abortWindow: Duration = .milliseconds(30)

    /// Answers `aborted` to every execute request already waiting, or arriving before
    /// `deadline`; handles the others.
    private func abortQueuedExecutions(arrivingBefore deadline: ContinuousClock.Instant) {
        while !state.isStopping {
            let wait = max(deadline - ContinuousClock.now, .zero)
            guard let frames = try? transport.receive(on: .shell, timeout: wait) else { return }
            guard let request = decode(frames) else { continue }
            if request.message.header.messageType == "execute_request" {
                dispatcher.abort(request)
            } else {
                dispatcher.handle(request, on: .shell)
            }
        }
    }

    private func decode(_ frames: [Data]) -> WireMessage? {
        IncomingMessage.decode(frames, channel: "shell", signer: dispatcher.session.signer, log: log)
    }
}
