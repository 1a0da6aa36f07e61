import DynamicJSON
import Foundation
import NotebookDisplay

/// Records what the widgets send through `CommRouter` and show through `display`, in order.
final class CommRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [CommEvent] = []
    private var displays: [DisplayDestination.Request] = []

    /// A recorder installed as the comm sink and the display destination.
    init() {
        CommRouter.install { [self] event in lock.withLock { recorded.append(event) } }
        DisplayDestination.install { [self] request in lock.withLock { displays.append(request) } }
    }

    var events: [CommEvent] { lock.withLock { recorded } }
    var displayRequests: [DisplayDestination.Request] { lock.withLock { displays } }

    /// Forgets what was recorded so far.
    func reset() { lock.withLock { recorded = []; displays = [] } }

    /// The comm opens, as (comm id, target, data, metadata, buffers).
    var opens: [(id: String, target: String, data: JSONValue, metadata: JSONValue, buffers: [Data])] {
        events.compactMap { event in
            if case .open(let id, let target, let data, let metadata, let buffers) = event { return (id, target, data, metadata, buffers) }
            return nil
        }
    }

    /// The messages on comm `id`, as (data, buffers).
    func messages(on id: String) -> [(data: JSONValue, buffers: [Data])] {
        events.compactMap { event in
            if case .message(let commID, let data, let buffers) = event, commID == id { return (data, buffers) }
            return nil
        }
    }

    /// The open of comm `id`.
    func open(of id: String) -> (id: String, target: String, data: JSONValue, metadata: JSONValue, buffers: [Data])? {
        opens.first { $0.id == id }
    }
}
