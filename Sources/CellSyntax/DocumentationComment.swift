import SwiftSyntax

/// The doc comment (`///` lines or one `/** */` block) that a declaration's leading trivia ends
/// with, and the text it documents with the comment markers stripped.
struct DocumentationComment: Equatable {
    /// The comment's text: markers and the common indentation removed, blank edge lines dropped.
    var text: String
    /// The UTF-8 offset, within the trivia, where the comment starts.
    var offsetInTrivia: Int

    /// The last group of doc comments in `trivia`, or `nil`. A group ends at an ordinary comment
    /// or a blank line, so a comment separated from the declaration by either is not its documentation.
    init?(trivia: Trivia) {
        var group: [TriviaPiece] = []
        var groupOffset = 0
        var offset = 0
        for piece in trivia {
            switch piece {
            case .docLineComment, .docBlockComment:
                if group.isEmpty { groupOffset = offset }
                group.append(piece)
            case .lineComment, .blockComment:
                group = []
            case .newlines(let count), .carriageReturnLineFeeds(let count), .carriageReturns(let count):
                if count > 1 { group = [] }
            default:
                break
            }
            offset += piece.sourceLength.utf8Length
        }
        guard !group.isEmpty else { return nil }
        var lines: [Substring] = []
        for piece in group {
            switch piece {
            case .docLineComment(let comment):
                lines.append(comment.dropFirst(3))
            case .docBlockComment(let comment):
                lines += Self.blockCommentLines(comment)
            default:
                break
            }
        }
        self.text = Self.dedented(lines)
        self.offsetInTrivia = groupOffset
    }

    /// The lines of a `/** ... */` comment without the markers or a leading `*` column.
    private static func blockCommentLines(_ comment: String) -> [Substring] {
        var body = Substring(comment).dropFirst(3)
        if body.hasSuffix("*/") { body = body.dropLast(2) }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false)
        let continuedWithStar = lines.dropFirst().allSatisfy { line in
            let content = line.drop(while: { $0 == " " || $0 == "\t" })
            return content.isEmpty || content.hasPrefix("*")
        }
        guard continuedWithStar, lines.count > 1 else { return lines }
        return [lines[0]] + lines.dropFirst().map { line in
            line.drop(while: { $0 == " " || $0 == "\t" }).dropFirst()
        }
    }

    /// `lines` without trailing whitespace, their common indentation and blank edge lines, joined.
    private static func dedented(_ lines: [Substring]) -> String {
        func isBlank(_ line: Substring) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" || $0 == "\r" } }
        var lines = lines.map { line in
            line.dropLast(line.reversed().prefix(while: { $0 == " " || $0 == "\t" || $0 == "\r" }).count)
        }
        while let first = lines.first, isBlank(first) { lines.removeFirst() }
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        let indentation = lines.filter { !isBlank($0) }
            .map { $0.prefix(while: { $0 == " " || $0 == "\t" }).count }
            .min() ?? 0
        return lines.map { isBlank($0) ? "" : String($0.dropFirst(indentation)) }.joined(separator: "\n")
    }
}
