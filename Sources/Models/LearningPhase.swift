/// Whether layers behave as in training (dropout active) or inference.
///
///     withLearningPhase(.training) { model(x) }
public enum LearningPhase: Sendable {
    case training, inference

    /// The phase layers see now; `.inference` unless inside `withLearningPhase(.training)`.
    /// Task-local (thread-local outside tasks).
    public static var current: LearningPhase { phase }

    @TaskLocal static var phase: LearningPhase = .inference
}

/// Runs `body` with `LearningPhase.current` set to `phase`.
public func withLearningPhase<R>(_ phase: LearningPhase, _ body: () throws -> R) rethrows -> R {
    try LearningPhase.$phase.withValue(phase, operation: body)
}
