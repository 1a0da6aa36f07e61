import ExecutorLink
import Foundation
import NotebookDisplay
import Synchronization

/// The executor's two pipes to the session, shared by the loop and by what cells call.
/// Standard output and error are files (opened for appending) that the session reads; every
/// event is sent after a flush of both, with their sizes, so the session shows exactly the
/// text printed before the event ahead of it.
enum ExecutorConnection {
    private static let channels = Mutex<(commands: FramedChannel, events: FramedChannel)?>(nil)

    static func connect(commands: FramedChannel, events: FramedChannel) {
        channels.withLock { $0 = (commands, events) }
        DisplayDestination.install { request in
            switch request {
            case .show(let bundle, let id):
                send(.display(bundle, displayID: id, update: false))
            case .update(let bundle, let id):
                send(.display(bundle, displayID: id, update: true))
            case .clear(let wait):
                send(.clearOutput(wait: wait))
            }
        }
        CommRouter.install { event in send(.comm(event)) }
    }

    /// Sends one event to the session (after flushing what the cell printed).
    static func send(_ event: ExecutorEvent) {
        channels.withLock { channels in
            fflush(stdout)
            fflush(stderr)
            let frame = ExecutorEventFrame(
                event: event, standardOutputEnd: Int64(lseek(1, 0, SEEK_END)),
                standardErrorEnd: Int64(lseek(2, 0, SEEK_END)), senderProcessID: getpid())
            _ = channels?.events.send(frame)
        }
    }

    /// Waits for the session's answer to an input request.
    static func receiveInput() -> String? {
        guard let commands = channels.withLock({ $0?.commands }) else { return nil }
        while let command = commands.receive(ExecutorCommand.self) {
            if case .input(let text) = command { return text }
        }
        return nil
    }
}
