import Testing
@testable import SwiftSession

@Suite struct UTF8AccumulatorTests {
    @Test func holdsBackACharacterSplitBetweenChunks() {
        let bytes = Array("aü€😀b".utf8)
        // Every split point must give back the same text, whole characters only.
        for split in 0...bytes.count {
            var accumulator = UTF8Accumulator()
            let first = accumulator.text(appending: bytes[..<split])
            let second = accumulator.text(appending: bytes[split...])
            #expect(first + second + accumulator.flush() == "aü€😀b", "split at \(split)")
            #expect(!first.contains("\u{FFFD}") && !second.contains("\u{FFFD}"), "split at \(split)")
        }
    }
}
