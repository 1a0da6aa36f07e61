/// Whether layers behave as in training (dropout active) or inference.
///
///     withLearningPhase(.training) { model(x) }
public enum LearningPhase: Sendable {
    case training, inference

    /// The phase layers see now; `.inference` unless inside `withLearningPhase(.training)`.
    public internal(set) nonisolated(unsafe) static var current: LearningPhase = .inference
}

/// Runs `body` with `LearningPhase.current` set to `phase`.
public func withLearningPhase<R>(_ phase: LearningPhase, _ body: () throws -> R) rethrows -> R {
    let saved = LearningPhase.current
    LearningPhase.current = phase
    defer { LearningPhase.current = saved }
    return try body()
}
