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

extension TypedCompletion {
    /// Names every type answers to through the standard library's protocols (`Hashable`,
    /// `CustomDebugStringConvertible`, ...) rather than through what the user or the project
    /// declared.
    static let protocolNoise: Set<String> = ["hash", "hashValue", "debugDescription", "customMirror", "self", "Type", "Protocol"]

    /// Where a front end should list it: 0 for the names the user came for, 1 for an instance
    /// method reached through its type (`Toy2D.generate` is a function of a `Toy2D`,
    /// `func generate(_ self: Toy2D) -> ...`, rarely what `Type.` is typed for), 2 for
    /// protocol noise.
    var listingTier: Int {
        if Self.protocolNoise.contains(text) { return 2 }
        return signature.contains("(_ self: ") ? 1 : 0
    }

    /// `matches` by tier (`listingTier`), each tier in its own order.
    static func userNamesFirst(_ matches: [TypedCompletion]) -> [TypedCompletion] {
        (0...2).flatMap { tier in matches.filter { $0.listingTier == tier } }
    }
}
