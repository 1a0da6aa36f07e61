import Foundation
import JupyterWire

/// Receives on one kernel socket in short polls, so that the loop using it notices a stop
/// (or a cancel) within one poll: the pattern the shell, control, stdin and heartbeat loops
/// share.
///
///     let receiver = PollingReceiver(socket: socket, channel: "control", pollSlice: .milliseconds(50), log: log)
///     receiver.serve(while: { !state.isStopping }) { frames in handle(frames) }
struct PollingReceiver {
    /// The socket received on.
    let socket: ZeroMQSocket
    /// The channel's name in log lines ("shell", "control", "stdin", "heartbeat").
    let channel: String
    /// How long one poll lasts; bounds how late `keepWaiting` turning false is noticed.
    let pollSlice: Duration
    let log: KernelLog

    /// How long ``serve(while:_:)`` pauses after an error before it polls again, so a
    /// broken socket does not spin.
    static let pauseAfterError: TimeInterval = 0.05

    /// The next message's frames, or nil once `keepWaiting` (asked before every poll)
    /// returns false.
    func receive(while keepWaiting: () -> Bool) throws(ZeroMQError) -> [Data]? {
        while keepWaiting() {
            if let frames = try socket.receive(timeout: pollSlice) { return frames }
        }
        return nil
    }

    /// Hands each message's frames to `handle` until `keepWaiting` returns false. An error,
    /// in receiving or in `handle`, is logged as `<channel>: <error>` and the loop goes on
    /// after ``pauseAfterError``.
    func serve(while keepWaiting: () -> Bool, _ handle: ([Data]) throws -> Void) {
        while true {
            do {
                guard let frames = try receive(while: keepWaiting) else { return }
                try handle(frames)
            } catch {
                log(.error, "\(channel): \(error)")
                Thread.sleep(forTimeInterval: Self.pauseAfterError)
            }
        }
    }
}
