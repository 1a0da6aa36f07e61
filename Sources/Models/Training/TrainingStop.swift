import Synchronization

/// A cooperative stop request for long loops (training, attacks): a notebook interrupt or
/// Ctrl-C asks, and the loop finishes its current step and returns what it has.
///
///     TrainingStop.request()   // from an interrupt handler
public enum TrainingStop {
    private static let flag = Atomic<Bool>(false)

    /// Asks running loops to stop after their current step.
    public static func request() { flag.store(true, ordering: .relaxed) }

    /// Whether a stop was asked for and not yet honoured.
    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Clears the request (loops call this when they stop because of it).
    public static func clear() { flag.store(false, ordering: .relaxed) }
}
