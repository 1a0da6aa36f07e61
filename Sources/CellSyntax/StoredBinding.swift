/// One binding of a top-level variable declaration whose initializer the entry function runs
/// (by reading the names it binds), in the order the cell wrote it.
struct StoredBinding: Sendable, Equatable {
    /// The names the binding introduces (several for a tuple pattern), source spelling kept.
    var names: [String]
    /// Set when the initializer throws or awaits: it is moved into a private global that a
    /// global's initializer can read, and the entry function rethrows its error.
    var effectfulInitializer: EffectfulInitializer? = nil
}

/// A top-level variable's initializer expression that contains `try` or `await`.
///
/// A global's initializer can neither throw nor await. So the generated library evaluates a
/// throwing expression in `private let __swiftMarginInitializerN = Result { <expression> }`,
/// binds the variable to `try! __swiftMarginInitializerN.get()`, and has the entry function
/// run `_ = try __swiftMarginInitializerN.get()` first, so a thrown error reaches the cell's
/// `catch`. An awaiting expression is evaluated by `__awaitCell { <expression> }` (inside the
/// `Result` when it also throws).
struct EffectfulInitializer: Sendable, Equatable {
    /// The expression's source text.
    var expression: String
    /// The 1-based line of the expression in the cell.
    var line: Int
    /// The 1-based UTF-8 column of the expression in the cell.
    var column: Int
    /// The binding's type annotation (`Float` in `let x: Float = try f()`), which becomes the
    /// private global's type.
    var typeAnnotation: String?
    /// The expression's UTF-8 byte range within the item's text.
    var rangeInItemText: Range<Int>
    /// Whether the expression contains a `try` outside closures.
    var throwing: Bool
    /// Whether the expression contains an `await` outside closures.
    var awaiting: Bool
}
