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

@Suite struct StackTraceFilterTests {
    let trace = """
        Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range
        Current stack trace:
        0    libswiftCore.so                    0x00007f63e155f130 swift_reportError + 33
        5    libCell7.so                        0x00007f63e08a3227 <unavailable> + 4647

        """

    @Test func keepsTheMessageAndDropsTheFrames() {
        var filter = StackTraceFilter()
        #expect(filter.filter(trace) + filter.flush() == "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n")
    }

    @Test func worksWhateverTheChunking() {
        for split in stride(from: 0, through: trace.count, by: 7) {
            var filter = StackTraceFilter()
            let cut = trace.index(trace.startIndex, offsetBy: split)
            let text = filter.filter(String(trace[..<cut])) + filter.filter(String(trace[cut...])) + filter.flush()
            #expect(text == "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range\n", "split at \(split)")
        }
    }

    @Test func ordinaryTextPassesAtOnce() {
        var filter = StackTraceFilter()
        #expect(filter.filter("warning: no newline yet") == "warning: no newline yet")
        #expect(filter.filter("3 apples\n") == "3 apples\n")
    }
}
