/// Conversions between the cursor positions Jupyter sends (counted in unicode scalars, i.e.
/// code points) and the UTF-8 offsets syntax positions use.
enum ScalarOffsets {
    /// The UTF-8 offset of the scalar at `cursor` in `text` (clamped to the text).
    static func utf8Offset(ofScalar cursor: Int, in text: String) -> Int {
        var offset = 0
        for (index, scalar) in text.unicodeScalars.enumerated() {
            if index >= cursor { break }
            offset += UTF8.width(scalar)
        }
        return offset
    }

    /// The number of unicode scalars in the first `utf8Offset` bytes of `text`.
    static func scalarOffset(ofUTF8 utf8Offset: Int, in text: String) -> Int {
        var bytes = 0
        var count = 0
        for scalar in text.unicodeScalars {
            if bytes >= utf8Offset { break }
            bytes += UTF8.width(scalar)
            count += 1
        }
        return count
    }
}
