/// Replacements of UTF-8 byte ranges in a text.
enum TextEdits {
    /// `text` with each range replaced by its text; the ranges must not overlap (their order does not matter).
    static func apply(_ edits: [(range: Range<Int>, text: String)], to text: String) -> String {
        guard !edits.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            bytes.replaceSubrange(edit.range, with: Array(edit.text.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
