/// Top-level code that binds names for the rest of the cell (and for later cells) but cannot
/// stand at file scope: a `guard` with bindings, or an `async let`.
///
/// The generated library runs the code inside a closure that returns the bound values, and
/// declares one global per name from the result, so the names behave as a script's top level
/// makes them behave:
///
/// ```swift
/// guard let model = loaded, var rate = settings.rate else { fatalError("no model") }   // the cell
///
/// private let __swiftMarginInitializer1 = {                                           // the library
/// guard let model = loaded, var rate = settings.rate else { fatalError("no model") }
/// return (model, rate) }()
/// let model = __swiftMarginInitializer1.0
/// var rate = __swiftMarginInitializer1.1
/// ```
///
/// Code that throws runs in `Result { try { ... }() }`, code that awaits in `__awaitCell { ... }`.
struct HoistedBinding: Sendable, Equatable {
    /// One name the code binds.
    struct Name: Sendable, Equatable {
        /// The name as written (backticks kept).
        var spelling: String
        /// Whether it was bound with `var` (the global is a `var` too).
        var isVariable: Bool
    }

    /// The names bound, in source order.
    var names: [Name]
    /// Whether the code can throw out of the cell (a `try` or `throw` outside closures).
    var throwing: Bool
    /// Whether the code awaits.
    var awaiting: Bool
    /// Markers before the returned values: `"try await "` for an `async let`, whose values are
    /// read with `try await`, and `""` for a `guard`.
    var returnMarkers: String
}
