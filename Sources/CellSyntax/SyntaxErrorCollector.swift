import SwiftSyntax

/// The parser's findings in a cell as diagnostics: code it expected but did not find (missing
/// tokens and nodes), code it could not place (unexpected nodes) and malformed tokens.
///
/// The wording follows swift-syntax's `ParseDiagnosticsGenerator` in spirit ("expected ')'",
/// "unexpected code 'x'", "extraneous code '}}' at top level"); that generator lives in the
/// `SwiftParserDiagnostics` product, which this target does not depend on.
enum SyntaxErrorCollector {
    /// One syntax problem, before it is given a line and column.
    struct Finding {
        enum Kind: Equatable { case missing, unexpected, badToken }
        var kind: Kind
        var offset: Int
        var message: String
        var severity: CellDiagnostic.Severity
    }

    /// The diagnostics for `cell`, in source order.
    static func diagnostics(in cell: ParsedCell) -> [CellDiagnostic] {
        findings(in: cell.tree).map { finding in
            let (line, column) = cell.location(ofOffset: finding.offset)
            return CellDiagnostic(line: line, column: column, message: finding.message, severity: finding.severity)
        }
    }

    /// The findings in `tree`, in source order; consecutive missing pieces at one place are
    /// reported together ("expected expression and ')'").
    static func findings(in tree: SourceFileSyntax) -> [Finding] {
        guard tree.hasError || tree.tokens(viewMode: .all).contains(where: { $0.tokenDiagnostic != nil }) else {
            return []
        }
        var findings: [Finding] = []
        var pendingMissing: (offset: Int, pieces: [String])?

        func flushMissing() {
            if let pending = pendingMissing {
                findings.append(Finding(kind: .missing, offset: pending.offset,
                                        message: "expected \(listed(pending.pieces))", severity: .error))
            }
            pendingMissing = nil
        }

        for token in tree.tokens(viewMode: .all) {
            if token.presence == .missing {
                let offset = (token.previousToken(viewMode: .sourceAccurate)?.endPositionBeforeTrailingTrivia
                    ?? AbsolutePosition(utf8Offset: 0)).utf8Offset
                let piece = description(ofMissing: token)
                if pendingMissing?.offset == offset {
                    pendingMissing?.pieces.append(piece)
                } else {
                    flushMissing()
                    pendingMissing = (offset, [piece])
                }
                continue
            }
            flushMissing()
            if let unexpected = token.parent?.as(UnexpectedNodesSyntax.self),
               unexpected.firstToken(viewMode: .sourceAccurate) == token {
                let text = excerpt(unexpected.trimmedDescription)
                let atTopLevel = unexpected.parent?.is(UnexpectedCodeDeclSyntax.self) == true
                    && unexpected.parent?.parent?.parent?.parent?.is(SourceFileSyntax.self) == true
                    || unexpected.parent?.is(SourceFileSyntax.self) == true
                findings.append(Finding(
                    kind: .unexpected, offset: token.positionAfterSkippingLeadingTrivia.utf8Offset,
                    message: atTopLevel ? "extraneous code '\(text)' at top level" : "unexpected code '\(text)'",
                    severity: .error))
            }
            if let diagnostic = token.tokenDiagnostic {
                findings.append(Finding(
                    kind: .badToken, offset: token.position.utf8Offset + Int(diagnostic.byteOffset),
                    message: message(for: diagnostic.kind),
                    severity: diagnostic.severity == .error ? .error : .warning))
            }
        }
        flushMissing()
        return findings.sorted { $0.offset < $1.offset }
    }

    /// How a missing token reads in "expected ...": `'}'`, `expression`, `identifier`.
    private static func description(ofMissing token: TokenSyntax) -> String {
        switch token.parent?.kind {
        case .missingExpr: return "expression"
        case .missingPattern: return "pattern"
        case .missingType: return "type"
        case .missingDecl: return "declaration"
        case .missingStmt: return "statement"
        case .missing: return "syntax"
        default: break
        }
        switch token.tokenKind {
        case .identifier: return "identifier"
        case .integerLiteral: return "integer literal"
        case .floatLiteral: return "floating-point literal"
        case .stringSegment: return "string"
        case .binaryOperator, .prefixOperator, .postfixOperator: return "operator"
        default: return token.text.isEmpty ? "\(token.tokenKind)" : "'\(token.text)'"
        }
    }

    /// `a`, `a and b`, `a, b and c`.
    private static func listed(_ pieces: [String]) -> String {
        guard pieces.count > 1 else { return pieces.first ?? "" }
        return pieces.dropLast().joined(separator: ", ") + " and " + pieces.last!
    }

    /// The first line of `text`, at most 40 characters.
    private static func excerpt(_ text: String) -> String {
        let firstLine = text.prefix(while: { $0 != "\n" && $0 != "\r" })
        return firstLine.count > 40 ? firstLine.prefix(40) + "…" : String(firstLine)
    }

    /// A lexer problem in words: `unterminatedBlockComment` reads "unterminated block comment".
    private static func message(for kind: TokenDiagnostic.Kind) -> String {
        switch kind {
        case .unterminatedBlockComment: return "unterminated '/*' comment"
        case .unicodeCurlyQuote: return "unicode curly quote found; use '\"' instead"
        case .editorPlaceholder: return "editor placeholder in source file"
        default:
            var words = ""
            for character in "\(kind)" {
                if character.isUppercase { words += " " + character.lowercased() } else { words.append(character) }
            }
            return words
        }
    }
}
