/// Turns byte chunks read from a pipe into text without splitting a multi-byte character
/// between two chunks: incomplete trailing bytes wait for the next chunk.
struct UTF8Accumulator {
    private var pending: [UInt8] = []

    /// The text of `chunk` (with bytes held back from before), minus an incomplete tail.
    mutating func text(appending chunk: some Collection<UInt8>) -> String {
        pending.append(contentsOf: chunk)
        var end = pending.count
        // Walk back over at most 3 continuation bytes to a lead byte whose sequence is cut.
        var index = pending.count - 1
        var continuation = 0
        while index >= 0, continuation < 4, pending[index] & 0xC0 == 0x80 {
            continuation += 1
            index -= 1
        }
        if index >= 0 {
            let lead = pending[index]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
            if length > 1, continuation + 1 < length { end = index }
        }
        let text = String(decoding: pending[..<end], as: UTF8.self)
        pending.removeFirst(end)
        return text
    }

    /// Whatever is held back, decoded with replacement characters (at the end of a stream).
    mutating func flush() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }
}
