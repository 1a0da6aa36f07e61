import Synchronization

/// A cooperative stop request for long loops (training, attacks): a notebook interrupt or
/// Ctrl-C asks, and the loop finishes its current step and returns what it has.
///
///     TrainingStop.request()   // from an interrupt handler
///
/// The request is process-wide. Code that runs several loops side by side (tests) can give a
/// task its own request with `withPrivateRequest`, which the other tasks' loops do not see.
public enum TrainingStop {
    /// One stop request that several loops can share: run them inside `withRequest(_:_:)`,
    /// and `request()` from anywhere stops them all.
    public final class Request: Sendable {
        let flag = Atomic<Bool>(false)

        /// A request not yet made.
        public init() {}

        /// Asks the loops run under this request to stop after their current step.
        public func request() { flag.store(true, ordering: .relaxed) }
    }

    private static let processWide = Request()
    @TaskLocal private static var current: Request?

    private static var active: Request { current ?? processWide }

    /// Asks the process's loops to stop after their current step, from a signal handler: one
    /// atomic store, no task-local lookup (async-signal-safe).
    public static func requestFromInterrupt() { processWide.flag.store(true, ordering: .relaxed) }

    /// Asks running loops to stop after their current step.
    public static func request() { active.flag.store(true, ordering: .relaxed) }

    /// Whether a stop was asked for and not yet honoured.
    public static var isRequested: Bool { active.flag.load(ordering: .relaxed) }

    /// Clears the request (loops call this when they stop because of it).
    public static func clear() { active.flag.store(false, ordering: .relaxed) }

    /// Runs `body` with a stop request of its own: `request()`, `isRequested` and `clear()` in
    /// it (and in the loops it runs) neither see nor touch the process-wide request.
    public static func withPrivateRequest<R>(_ body: () throws -> R) rethrows -> R {
        try withRequest(Request(), body)
    }

    /// Runs `body` under `request`: loops in it stop when `request.request()` is called (from
    /// any thread), and do not see the process-wide request.
    public static func withRequest<R>(_ request: Request, _ body: () throws -> R) rethrows -> R {
        try $current.withValue(request, operation: body)
    }
}
