import SwiftParser
import SwiftSyntax

/// What is being completed at a cursor: the identifier part before the cursor, the range a
/// match replaces, and for a member (`model.layers.co|`) the expression whose member it is.
///
/// Positions count unicode scalars (code points), as Jupyter's `cursor_pos` does.
public struct CompletionContext: Sendable, Equatable {
    /// The identifier characters between `start` and the cursor (`"co"`); matches start with it.
    public var prefix: String
    /// Where the identifier under the cursor starts, in unicode scalars.
    public var start: Int
    /// Where it ends (the cursor, or further when the cursor is inside an identifier); replacing
    /// `[start, end)` with a match completes it.
    public var end: Int
    /// The source text of the expression before the `.` (`"model.layers"`), or `nil` for a plain
    /// identifier and for an implicit member (`.red`), which has no written base.
    public var memberBase: String?

    /// A context with all of its fields.
    public init(prefix: String, start: Int, end: Int, memberBase: String? = nil) {
        self.prefix = prefix
        self.start = start
        self.end = end
        self.memberBase = memberBase
    }

    /// The completion context at `cursor` (in unicode scalars, clamped to the text) in `source`.
    public static func at(_ source: String, cursor: Int) -> CompletionContext {
        let scalars = Array(source.unicodeScalars)
        let cursor = min(max(0, cursor), scalars.count)
        var start = cursor
        while start > 0 && isIdentifierScalar(scalars[start - 1]) { start -= 1 }
        var end = cursor
        while end < scalars.count && isIdentifierScalar(scalars[end]) { end += 1 }
        var prefixText = String.UnicodeScalarView()
        prefixText.append(contentsOf: scalars[start..<cursor])
        let prefix = String(prefixText)
        guard start > 0 && scalars[start - 1] == "." else {
            return CompletionContext(prefix: prefix, start: start, end: end)
        }
        var beforeText = String.UnicodeScalarView()
        beforeText.append(contentsOf: scalars[..<start])
        return CompletionContext(prefix: prefix, start: start, end: end,
                                 memberBase: memberBase(endingWithPeriod: String(beforeText)))
    }

    /// Whether `scalar` can be part of a Swift identifier (letters, digits, `_`, `$` and other
    /// identifier characters of Unicode's XID_Continue class).
    static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "$" || scalar.properties.isXIDContinue
    }

    /// The base expression of the member access whose `.` ends `text`, as written; `nil` when
    /// the period is not a member access's (an implicit member, a key path, inside a string).
    private static func memberBase(endingWithPeriod text: String) -> String? {
        let tree = Parser.parse(source: text)
        let periodEnd = AbsolutePosition(utf8Offset: text.utf8.count)
        guard let period = tree.tokens(viewMode: .sourceAccurate).first(where: {
            $0.endPositionBeforeTrailingTrivia == periodEnd && ($0.tokenKind == .period)
        }), let access = period.parent?.as(MemberAccessExprSyntax.self), access.period == period,
              let base = access.base else {
            return nil
        }
        return base.trimmedDescription
    }
}
