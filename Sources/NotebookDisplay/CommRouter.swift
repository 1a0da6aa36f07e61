import Foundation

/// The session's end of its comms, without any knowledge of Jupyter: code in a cell sends
/// comm events through `send` (they reach the front end through whatever sink a kernel
/// installed), and registers handlers for the events the front end sends back, by comm id or,
/// for comms the front end opens, by target name. Widgets are built on it.
///
///     CommRouter.send(.open(commID: id, targetName: "jupyter.widget", data: state, metadata: [:], buffers: []))
///     CommRouter.handle(commID: id) { event in ... }       // the front end's messages on it
///
/// Without an installed sink (a terminal), sent events go nowhere and `isConnected` is false.
/// Handlers run where the kernel delivers front-end events: between cells, like a cell.
public enum CommRouter {
    /// A handler for the events of one comm, or for a comm the front end opens.
    public typealias Handler = @Sendable (CommEvent) -> Void

    private struct State {
        var sink: (@Sendable (CommEvent) -> Void)?
        var byCommID: [String: Handler] = [:]
        var byTarget: [String: Handler] = [:]
        var messageID = ""
    }

    /// Guarded by a pthread lock (`NSLock`): handlers are registered in one process and called in
    /// the processes forked from it (each front-end event runs in a fork of the session), where a
    /// Synchronization `Mutex` trapped (see `ProgressLine`).
    private static let lock = NSLock()
    nonisolated(unsafe) private static var current = State()

    private static func withState<R>(_ body: (inout State) -> R) -> R {
        lock.withLock { body(&current) }
    }

    /// Routes every later sent event to `sink` (nil: sent events are dropped).
    public static func install(_ sink: (@Sendable (CommEvent) -> Void)?) {
        withState { $0.sink = sink }
    }

    /// The front end's id of the request being run (the Jupyter `msg_id` of the cell's
    /// `execute_request`, or of the comm message whose handler runs); empty without a front end.
    /// Everything the code outputs is published with that request as parent, so a widget can
    /// ask the front end to capture it (`Output.capture`). The executor sets it before each cell
    /// and each comm event.
    public static var currentMessageID: String {
        get { withState { $0.messageID } }
        set { withState { $0.messageID = newValue } }
    }

    /// Whether sent events reach a front end.
    public static var isConnected: Bool { withState { $0.sink != nil } }

    /// Sends `event` to the front end. Closing a comm also forgets its handler.
    public static func send(_ event: CommEvent) {
        let sink = withState { state in
            if case .close(let id, _) = event { state.byCommID[id] = nil }
            return state.sink
        }
        sink?(event)
    }

    /// Calls `handler` with every later event the front end sends on comm `commID`.
    public static func handle(commID: String, _ handler: @escaping Handler) {
        withState { $0.byCommID[commID] = handler }
    }

    /// Calls `handler` with every comm the front end opens to `targetName` (its `.open` event);
    /// the handler registers for the new comm's messages with `handle(commID:_:)`.
    public static func handle(target targetName: String, _ handler: @escaping Handler) {
        withState { $0.byTarget[targetName] = handler }
    }

    /// Delivers an event from the front end to its handler; false when none exists (an open to
    /// an unknown target, a message to a comm the session does not know), which the kernel
    /// answers by closing the comm. A `.close` forgets the comm's handler after calling it.
    @discardableResult
    public static func deliver(_ event: CommEvent) -> Bool {
        let handler: Handler? = withState { state in
            switch event {
            case .open(_, let target, _, _, _): return state.byTarget[target]
            case .message(let id, _, _): return state.byCommID[id]
            case .close(let id, _):
                defer { state.byCommID[id] = nil }
                return state.byCommID[id]
            }
        }
        guard let handler else { return false }
        handler(event)
        return true
    }
}
