// Top-level `await` in a cell. A cell's entry function is synchronous (it is called through a
// C symbol), so the generated library hands each piece of top-level code that awaits (a
// statement, a global's initializer, the trailing expression, a `guard` or `async let`) to
// `__awaitCell`, which runs it as a task and blocks the calling thread until it finishes:
//
//     let page = await fetch(url)          // the cell
//     private let __swiftMarginInitializer1 = __awaitCell {   // the generated library
//     await fetch(url)
//     }
//     let page = __swiftMarginInitializer1
//
// The task, its child tasks and its sleeps run on the cell's own thread (`CellTaskQueue`),
// which runs jobs until the task has finished.

/// Runs `body` as a task and returns its value once it has finished.
public func __awaitCell<Value>(_ body: @escaping () async -> Value) -> Value {
    let outcome = TaskOutcome<Value>()
    let work = UncheckedSendable(body)
    Task(executorPreference: CellTaskQueue.shared) { outcome.value = await work.value() }
    CellTaskQueue.shared.run { outcome.value != nil }
    return outcome.value!
}

/// Runs the throwing `body` as a task and returns its value, or throws its error, once it has finished.
public func __awaitCell<Value>(_ body: @escaping () async throws -> Value) throws -> Value {
    try __awaitCell { () async -> Result<Value, any Error> in
        do { return .success(try await body()) } catch { return .failure(error) }
    }.get()
}

/// The value a task hands to the code waiting for it; both run on the cell's thread.
private final class TaskOutcome<Value>: @unchecked Sendable {
    var value: Value?
}

/// Carries a cell's closure into its task: cell code is Swift 5 code without sendability
/// checking, and the task runs on the thread that waits for it, so the closure never runs
/// concurrently with the code that created it.
private struct UncheckedSendable<Wrapped>: @unchecked Sendable {
    let value: Wrapped
    init(_ value: Wrapped) { self.value = value }
}
