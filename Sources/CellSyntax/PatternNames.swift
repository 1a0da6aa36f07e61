import SwiftSyntax

/// The identifiers a binding pattern introduces, in order: `x` in `let x`, `a` and `b` in
/// `let (a, (b, _))`. Wildcards bind nothing.
enum PatternNames {
    /// The identifier tokens bound by `pattern`.
    static func identifiers(in pattern: PatternSyntax) -> [TokenSyntax] {
        if let identifier = pattern.as(IdentifierPatternSyntax.self) {
            return [identifier.identifier]
        }
        if let tuple = pattern.as(TuplePatternSyntax.self) {
            return tuple.elements.flatMap { identifiers(in: $0.pattern) }
        }
        if let binding = pattern.as(ValueBindingPatternSyntax.self) {
            return identifiers(in: binding.pattern)
        }
        return []
    }

    /// A name as it is referred to in code: the token text, backticks kept (`` `class` ``).
    static func spelling(_ token: TokenSyntax) -> String { token.text }

    /// A name as it is declared, without backticks.
    static func bareName(_ token: TokenSyntax) -> String {
        token.identifier?.name ?? token.text
    }
}
