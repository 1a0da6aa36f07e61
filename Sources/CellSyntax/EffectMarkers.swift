import SwiftSyntax

/// The `try` and `await` markers of code that runs directly in a cell's entry function
/// (or a global's initializer): markers inside closures and nested declarations, which run
/// later or elsewhere, are not counted.
struct EffectMarkers {
    /// Positions of `try` keywords without `?` or `!` (the code can throw out of the cell).
    var plainTries: [AbsolutePosition] = []
    /// Positions of `await` keywords, of `for await` loops and of `async let` declarations.
    var awaits: [AbsolutePosition] = []
    /// Positions of `throw` statements.
    var throwStatements: [AbsolutePosition] = []

    /// Whether the code can throw out of its surroundings (a plain `try` or a `throw`).
    var canThrow: Bool { !plainTries.isEmpty || !throwStatements.isEmpty }

    /// The markers in `node`.
    init(in node: some SyntaxProtocol) {
        let visitor = Visitor(viewMode: .sourceAccurate)
        visitor.walk(node)
        plainTries = visitor.plainTries
        awaits = visitor.awaits
        throwStatements = visitor.throwStatements
    }

    private final class Visitor: SyntaxAnyVisitor {
        var plainTries: [AbsolutePosition] = []
        var awaits: [AbsolutePosition] = []
        var throwStatements: [AbsolutePosition] = []

        override func visitAny(_ node: Syntax) -> SyntaxVisitorContinueKind {
            if node.is(ClosureExprSyntax.self) || node.is(AccessorBlockSyntax.self) { return .skipChildren }
            if node.is(DeclSyntax.self) && !node.is(VariableDeclSyntax.self) { return .skipChildren }
            return .visitChildren
        }

        override func visit(_ node: TryExprSyntax) -> SyntaxVisitorContinueKind {
            if node.questionOrExclamationMark == nil { plainTries.append(node.tryKeyword.positionAfterSkippingLeadingTrivia) }
            return .visitChildren
        }

        override func visit(_ node: ThrowStmtSyntax) -> SyntaxVisitorContinueKind {
            throwStatements.append(node.throwKeyword.positionAfterSkippingLeadingTrivia)
            return .visitChildren
        }

        override func visit(_ node: AwaitExprSyntax) -> SyntaxVisitorContinueKind {
            awaits.append(node.awaitKeyword.positionAfterSkippingLeadingTrivia)
            return .visitChildren
        }

        override func visit(_ node: ForStmtSyntax) -> SyntaxVisitorContinueKind {
            if let keyword = node.awaitKeyword { awaits.append(keyword.positionAfterSkippingLeadingTrivia) }
            if let keyword = node.tryKeyword { plainTries.append(keyword.positionAfterSkippingLeadingTrivia) }
            return .visitChildren
        }

        override func visit(_ node: VariableDeclSyntax) -> SyntaxVisitorContinueKind {
            if let async = node.modifiers.first(where: { $0.name.tokenKind == .keyword(.async) }) {
                awaits.append(async.positionAfterSkippingLeadingTrivia)
            }
            return .visitChildren
        }
    }
}
