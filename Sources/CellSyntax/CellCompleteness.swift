import SwiftSyntax

/// Whether a cell is ready to run, for Jupyter's `is_complete_request`: complete, unfinished
/// (a console should read another line, indented as suggested) or wrong whatever follows.
public enum CellCompleteness {
    /// The answer for one cell.
    public enum Verdict: Equatable, Sendable {
        /// The cell parses without errors (an empty cell is complete).
        case complete
        /// The cell stops inside an unfinished construct (open brace or bracket, unterminated
        /// string or comment, dangling operator or comma); `indent` is the next line's suggested indentation.
        case incomplete(indent: String)
        /// The cell has an error that more text cannot fix.
        case invalid
    }

    /// The verdict for `source`: `incomplete` when every problem the parser reports is at the
    /// very end (something missing after the last token, or an unterminated comment), `invalid` otherwise.
    public static func verdict(for source: String) -> Verdict {
        let cell = ParsedCell(source)
        let findings = SyntaxErrorCollector.findings(in: cell.tree).filter { $0.severity == .error }
        guard !findings.isEmpty else { return .complete }

        let lastTokenEnd = cell.tree.lastToken(viewMode: .sourceAccurate)
            .map { $0.tokenKind == .endOfFile ? $0.previousToken(viewMode: .sourceAccurate) : $0 }
            .flatMap { $0?.endPositionBeforeTrailingTrivia.utf8Offset } ?? 0
        let unfinished = findings.allSatisfy { finding in
            switch finding.kind {
            case .missing: return finding.offset >= lastTokenEnd
            case .badToken: return finding.message == "unterminated '/*' comment"
            case .unexpected: return false
            }
        }
        return unfinished ? .incomplete(indent: nextIndentation(cell)) : .invalid
    }

    /// One level (four spaces) deeper than the line of the innermost unclosed `{`, `(` or `[`;
    /// with none open, the last non-blank line's indentation.
    private static func nextIndentation(_ cell: ParsedCell) -> String {
        var openers: [TokenSyntax] = []
        let closing: [TokenKind: TokenKind] = [.rightBrace: .leftBrace, .rightParen: .leftParen, .rightSquare: .leftSquare]
        for token in cell.tree.tokens(viewMode: .sourceAccurate) {
            switch token.tokenKind {
            case .leftBrace, .leftParen, .leftSquare:
                openers.append(token)
            case .rightBrace, .rightParen, .rightSquare:
                if let last = openers.last, last.tokenKind == closing[token.tokenKind] { openers.removeLast() }
            default:
                break
            }
        }
        let lines = cell.source.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        func indentation(ofLine number: Int) -> String {
            guard lines.indices.contains(number - 1) else { return "" }
            return String(lines[number - 1].prefix(while: { $0 == " " || $0 == "\t" }))
        }
        if let innermost = openers.last {
            return indentation(ofLine: cell.location(of: innermost.positionAfterSkippingLeadingTrivia).line) + "    "
        }
        let lastNonBlank = lines.lastIndex { !$0.allSatisfy(\.isWhitespace) }.map { $0 + 1 } ?? 1
        return indentation(ofLine: lastNonBlank)
    }
}
