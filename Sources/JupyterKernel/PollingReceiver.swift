import Foundation

/// Receives on one channel of the transport in short polls, so that the loop using it notices
/// a stop (or a cancel) within one poll: the pattern the shell, control and stdin loops share.
///
///     let receiver = PollingReceiver(transport: transport, channel: .control, pollSlice: .milliseconds(50), log: log)
///     receiver.serve(while: { !state.isStopping }) { frames in handle(frames) }
struct PollingReceiver {
    /// The transport received from.
    let transport: KernelTransport
    /// The channel received on; its name starts log lines.
    let channel: KernelChannel
    /// How long one poll lasts; bounds how late `keepWaiting` turning false is noticed.
    let pollSlice: Duration
    let log: KernelLog

    /// How long ``serve(while:_:)`` pauses after an error before it polls again, so a
    /// broken channel does not spin.
    static let pauseAfterError: TimeInterval = 0.05

    /// The next message's frames, or nil once `keepWaiting` (asked before every poll)
    /// returns false.
    func receive(while keepWaiting: () -> Bool) throws -> [Data]? {
        while keepWaiting() {
            if let frames = try transport.receive(on: channel, timeout: pollSlice) { return frames }
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
                log(.error, "\(channel.rawValue): \(error)")
                Thread.sleep(forTimeInterval: Self.pauseAfterError)
            }
        }
    }
}
