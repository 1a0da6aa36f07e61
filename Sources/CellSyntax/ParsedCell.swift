import SwiftParser
import SwiftSyntax

/// A cell's source parsed once, with conversions from syntax positions to the cell's lines,
/// UTF-8 columns and source slices.
struct ParsedCell {
    /// The cell's text.
    let source: String
    /// The cell's UTF-8 bytes, which syntax positions index.
    let bytes: [UInt8]
    /// The parsed tree.
    let tree: SourceFileSyntax
    private let converter: SourceLocationConverter

    /// Parses `source` (the parser always succeeds; problems become missing or unexpected nodes).
    init(_ source: String) {
        self.source = source
        self.bytes = Array(source.utf8)
        self.tree = Parser.parse(source: source)
        self.converter = SourceLocationConverter(fileName: "", tree: tree)
    }

    /// The 1-based line and UTF-8 column of `position`.
    func location(of position: AbsolutePosition) -> (line: Int, column: Int) {
        let location = converter.location(for: position)
        return (location.line, location.column)
    }

    /// The 1-based line and UTF-8 column of a UTF-8 offset.
    func location(ofOffset offset: Int) -> (line: Int, column: Int) {
        location(of: AbsolutePosition(utf8Offset: offset))
    }

    /// The source text between two UTF-8 offsets.
    func text(_ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self)
    }

    /// The source text of `node` without its leading and trailing trivia.
    func trimmedText(of node: some SyntaxProtocol) -> String {
        text(node.positionAfterSkippingLeadingTrivia.utf8Offset..<node.endPositionBeforeTrailingTrivia.utf8Offset)
    }
}
