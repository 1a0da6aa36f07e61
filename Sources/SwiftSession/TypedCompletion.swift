/// A completion match with what a front end may show beside it (Jupyter's
/// `_jupyter_types_experimental`): its kind in words and a Swift signature.
public struct TypedCompletion: Sendable, Equatable {
    /// The text that replaces the completed range, e.g. `squareRoot`.
    public var text: String
    /// The kind: function, method, property, variable, struct, enum case, keyword, ...
    public var type: String
    /// A Swift declaration, e.g. `func squareRoot() -> Double`.
    public var signature: String

    /// A match with its kind and signature.
    public init(text: String, type: String, signature: String) {
        self.text = text
        self.type = type
        self.signature = signature
    }
}
