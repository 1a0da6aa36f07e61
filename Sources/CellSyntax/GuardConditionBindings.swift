import SwiftSyntax

/// What one condition of a `guard` binds: the names of `let x = e`, `var x = e`, `let x`
/// (shorthand) and `case .some(let x) = e`, each with whether it is a `var`.
struct GuardConditionBindings {
    /// A bound name.
    struct Identifier {
        var token: TokenSyntax
        var isVariable: Bool
    }

    /// The names the condition binds, in order.
    var identifiers: [Identifier] = []
    /// The value the condition tests or unwraps (`e`), or the whole condition when it is a
    /// Boolean expression; `nil` for a shorthand binding.
    var initializerValue: Syntax?
    /// The name of a shorthand optional binding (`x` in `guard let x`), which unwraps an outer `x`.
    var shorthandName: TokenSyntax?

    /// The bindings of `condition`.
    init(_ condition: ConditionElementSyntax.Condition) {
        switch condition {
        case .optionalBinding(let binding):
            let isVariable = binding.bindingSpecifier.tokenKind == .keyword(.var)
            identifiers = PatternNames.identifiers(in: binding.pattern).map { Identifier(token: $0, isVariable: isVariable) }
            if let value = binding.initializer?.value {
                initializerValue = Syntax(value)
            } else {
                shorthandName = identifiers.first?.token
            }
        case .matchingPattern(let match):
            identifiers = Self.boundIdentifiers(in: match.pattern)
            initializerValue = Syntax(match.initializer.value)
        case .expression(let expression):
            initializerValue = Syntax(expression)
        default:
            break
        }
    }

    /// The identifiers a `case` pattern binds: identifier patterns under a `let`/`var`.
    private static func boundIdentifiers(in pattern: PatternSyntax) -> [Identifier] {
        let finder = IdentifierPatternFinder(viewMode: .sourceAccurate)
        finder.walk(pattern)
        return finder.found.compactMap { identifier in
            var ancestor = identifier.parent
            while let node = ancestor, !node.is(ValueBindingPatternSyntax.self) { ancestor = node.parent }
            guard let binding = ancestor?.as(ValueBindingPatternSyntax.self) else { return nil }
            return Identifier(token: identifier.identifier, isVariable: binding.bindingSpecifier.tokenKind == .keyword(.var))
        }
    }

    private final class IdentifierPatternFinder: SyntaxVisitor {
        var found: [IdentifierPatternSyntax] = []
        override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
        override func visit(_ node: IdentifierPatternSyntax) -> SyntaxVisitorContinueKind {
            found.append(node)
            return .skipChildren
        }
    }
}
