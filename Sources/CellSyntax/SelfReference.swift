import SwiftSyntax

/// A use, in a top-level binding's own initializer, of a name the binding declares: the `x` on
/// the right of `let x = x + 1` or `guard let x = x`, and the implied one of `guard let x`.
///
/// In the cell library the binding becomes a global of the same file, so the use would refer
/// to the global itself (a circular reference). In a REPL it means the previous cell's `x`,
/// so the library writes `Cell3.x` instead, naming the module of the newest earlier definition.
struct SelfReference: Sendable, Equatable {
    /// The UTF-8 range of the reference in its item's text (empty for a shorthand `guard let x`,
    /// where the initializer is inserted).
    var rangeInItemText: Range<Int>
    /// The name as written (backticks kept), e.g. `` `class` ``.
    var spelling: String
    /// The name without backticks, as the session's symbol table knows it.
    var name: String
    /// Whether this is a shorthand optional binding (`guard let x`), which gets ` = Cell3.x`.
    var isShorthandBinding: Bool

    /// The replacement text given the module of the earlier definition.
    func replacement(module: String) -> String {
        isShorthandBinding ? " = \(module).\(spelling)" : "\(module).\(spelling)"
    }

    /// The references to `names` in `node`, outside closures and nested declarations (where a
    /// name may be rebound) and not as a member name (`point.x`), with ranges relative to `itemStart`.
    static func references(to names: Set<String>, in node: some SyntaxProtocol, itemStart: Int) -> [SelfReference] {
        guard !names.isEmpty else { return [] }
        let finder = Finder(names: names)
        finder.walk(node)
        return finder.found.map { token in
            let lower = token.positionAfterSkippingLeadingTrivia.utf8Offset - itemStart
            let upper = token.endPositionBeforeTrailingTrivia.utf8Offset - itemStart
            return SelfReference(
                rangeInItemText: lower..<upper, spelling: PatternNames.spelling(token),
                name: PatternNames.bareName(token), isShorthandBinding: false)
        }
    }

    private final class Finder: SyntaxVisitor {
        let names: Set<String>
        var found: [TokenSyntax] = []

        init(names: Set<String>) {
            self.names = names
            super.init(viewMode: .sourceAccurate)
        }

        override func visit(_ node: ClosureExprSyntax) -> SyntaxVisitorContinueKind { .skipChildren }
        override func visit(_ node: CodeBlockSyntax) -> SyntaxVisitorContinueKind { .skipChildren }

        override func visit(_ node: DeclReferenceExprSyntax) -> SyntaxVisitorContinueKind {
            let isMemberName = node.parent?.as(MemberAccessExprSyntax.self)?.declName.id == node.id
            if !isMemberName, names.contains(PatternNames.bareName(node.baseName)) {
                found.append(node.baseName)
            }
            return .skipChildren
        }
    }
}
