import SwiftParser
import SwiftSyntax

/// The name a Jupyter `inspect_request` asks about: the identifier under or just before the
/// cursor, with the dotted names it is a member of (`"Tensor.matmul"` with the cursor in
/// `matmul` of `Tensor.matmul(a, b)`, `"x"` for `x|`).
public enum InspectionTarget {
    /// The identifier at `cursor` (unicode scalars) in `source`, qualified by the plain names
    /// before it (`a.b.c`; a call or subscript in the chain ends the qualification), or `nil`
    /// when the cursor is not on or right after an identifier.
    public static func at(_ source: String, cursor: Int) -> String? {
        let offset = ScalarOffsets.utf8Offset(ofScalar: max(0, cursor), in: source)
        let tree = Parser.parse(source: source)
        let names = tree.tokens(viewMode: .sourceAccurate).filter(isName)
        let token = names.first(where: {
            $0.positionAfterSkippingLeadingTrivia.utf8Offset <= offset && offset < $0.endPositionBeforeTrailingTrivia.utf8Offset
        }) ?? names.first(where: { $0.endPositionBeforeTrailingTrivia.utf8Offset == offset })
        guard let token else { return nil }
        return qualifiedName(of: token)
    }

    /// Where the name to inspect at `cursor` ends (unicode scalars): the cursor itself when it
    /// is on or right after an identifier, else the end of the callee's name when the cursor is
    /// inside a call's parentheses (`decisionBoundaryFigure(|`, `Panel("x", |)`, `a.f(1, |`), as
    /// IPython inspects the function whose arguments are being typed; nil otherwise.
    public static func nameEnd(in source: String, cursor: Int) -> Int? {
        if at(source, cursor: cursor) != nil { return cursor }
        let offset = ScalarOffsets.utf8Offset(ofScalar: max(0, cursor), in: source)
        let tree = Parser.parse(source: source)
        let openCalls: [FunctionCallExprSyntax] = tree.tokens(viewMode: .sourceAccurate)
            .filter { $0.tokenKind == .leftParen && $0.endPositionBeforeTrailingTrivia.utf8Offset <= offset }
            .compactMap { (token: TokenSyntax) -> FunctionCallExprSyntax? in token.parent?.as(FunctionCallExprSyntax.self) }
            .filter { (call: FunctionCallExprSyntax) -> Bool in
                guard let close = call.rightParen, close.presence == .present else { return true }
                return offset <= close.positionAfterSkippingLeadingTrivia.utf8Offset
            }
        // The innermost: the call whose parenthesis opens last.
        let innermost = openCalls.last
        guard let innermost, let name = calleeName(innermost.calledExpression) else { return nil }
        return ScalarOffsets.scalarOffset(ofUTF8: name.endPositionBeforeTrailingTrivia.utf8Offset, in: source)
    }

    /// The name token a call's callee ends with: `f` of `f(`, `fit` of `model.fit(`, `Tensor`
    /// of `Tensor<Float>(`; nil for a callee that is no name (a closure, a call's result).
    private static func calleeName(_ callee: ExprSyntax) -> TokenSyntax? {
        if let reference = callee.as(DeclReferenceExprSyntax.self) { return reference.baseName }
        if let access = callee.as(MemberAccessExprSyntax.self) { return access.declName.baseName }
        if let specialized = callee.as(GenericSpecializationExprSyntax.self) { return calleeName(specialized.expression) }
        return nil
    }

    private static func isName(_ token: TokenSyntax) -> Bool {
        switch token.tokenKind {
        case .identifier, .dollarIdentifier, .keyword(.self), .keyword(.Self), .keyword(.`init`): true
        default: false
        }
    }

    /// `token`'s name with the member chain before it: for the `c` of `a.b.c`, `"a.b.c"`.
    private static func qualifiedName(of token: TokenSyntax) -> String {
        let name = PatternNames.bareName(token)
        if let reference = token.parent?.as(DeclReferenceExprSyntax.self),
           let access = reference.parent?.as(MemberAccessExprSyntax.self), access.declName == reference,
           let base = access.base, let qualifier = dottedName(base) {
            return qualifier + "." + name
        }
        if let member = token.parent?.as(MemberTypeSyntax.self), member.name == token,
           let qualifier = dottedName(member.baseType) {
            return qualifier + "." + name
        }
        return name
    }

    /// `a.b` for an expression or type made only of names and periods; `nil` otherwise.
    private static func dottedName(_ node: some SyntaxProtocol) -> String? {
        if let reference = node.as(DeclReferenceExprSyntax.self), reference.argumentNames == nil {
            return PatternNames.bareName(reference.baseName)
        }
        if let access = node.as(MemberAccessExprSyntax.self), let base = access.base,
           let qualifier = dottedName(base) {
            return qualifier + "." + PatternNames.bareName(access.declName.baseName)
        }
        if let type = node.as(IdentifierTypeSyntax.self), type.genericArgumentClause == nil {
            return PatternNames.bareName(type.name)
        }
        if let member = node.as(MemberTypeSyntax.self), member.genericArgumentClause == nil,
           let qualifier = dottedName(member.baseType) {
            return qualifier + "." + PatternNames.bareName(member.name)
        }
        return nil
    }
}
