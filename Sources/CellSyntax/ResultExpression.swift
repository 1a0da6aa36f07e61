import SwiftSyntax

/// Decides whether a cell's last expression is a value to publish, as a REPL shows it.
///
/// Everything is, except what is written for its effect: assignments (`x = 1`, `x += 1`,
/// `a[i] <<= 2`, `_ = f()`), `if` and `switch` used as statements, and `#warning`/`#error`.
enum ResultExpression {
    /// Whether `expression`, standing alone as the cell's last item, publishes its value.
    static func publishes(_ expression: ExprSyntax) -> Bool {
        var inner = expression
        while true {
            if let tried = inner.as(TryExprSyntax.self) { inner = tried.expression; continue }
            if let awaited = inner.as(AwaitExprSyntax.self) { inner = awaited.expression; continue }
            break
        }
        if inner.is(IfExprSyntax.self) || inner.is(SwitchExprSyntax.self) { return false }
        if let macro = inner.as(MacroExpansionExprSyntax.self) {
            return !["warning", "error", "sourceLocation"].contains(macro.macroName.text)
        }
        if let sequence = inner.as(SequenceExprSyntax.self) {
            return !sequence.elements.contains(where: isAssignmentOperator)
        }
        if let infix = inner.as(InfixOperatorExprSyntax.self) {
            return !isAssignmentOperator(infix.operator)
        }
        return true
    }

    /// Whether an operator element of a sequence assigns: `=`, or an operator ending in `=`
    /// that is not a comparison (`==`, `!=`, `<=`, `>=`, `===`, `!==`, `~=`, also with a
    /// leading `.` as pointwise comparisons are spelled).
    static func isAssignmentOperator(_ element: ExprSyntax) -> Bool {
        if element.is(AssignmentExprSyntax.self) { return true }
        guard let binary = element.as(BinaryOperatorExprSyntax.self) else { return false }
        return isAssignmentOperator(binary.operator.text)
    }

    /// Whether the operator spelled `name` assigns (see `isAssignmentOperator(_:)`).
    static func isAssignmentOperator(_ name: String) -> Bool {
        guard name.hasSuffix("=") else { return false }
        let unprefixed = name.hasPrefix(".") ? String(name.dropFirst()) : name
        return !["==", "!=", "<=", ">=", "===", "!==", "~="].contains(unprefixed)
    }
}
