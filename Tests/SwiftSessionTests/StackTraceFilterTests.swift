import Testing
@testable import SwiftSession

@Suite struct StackTraceFilterTests {
    let trace = """
        Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range
        Current stack trace:
        0    libswiftCore.so                    0x00007f63e155f130 swift_reportError + 33
        5    libCell7.so                        0x00007f63e08a3227 <unavailable> + 4647

        """

    @Test func takesTheMessageAndTheFramesOut() {
        var filter = StackTraceFilter()
        #expect(filter.filter(trace) + filter.flush() == "")
        #expect(filter.removed.count == 4)
    }

    /// Whatever the chunking after the message line (the runtime writes that line at once; a
    /// partial line that is not yet a trap message is passed on, so a split inside it would
    /// let it through).
    @Test func worksWhateverTheChunking() {
        let messageEnd = trace.distance(from: trace.startIndex, to: trace.firstIndex(of: "\n")!) + 1
        for split in stride(from: messageEnd, through: trace.count, by: 7) {
            var filter = StackTraceFilter()
            let cut = trace.index(trace.startIndex, offsetBy: split)
            let text = filter.filter(String(trace[..<cut])) + filter.filter(String(trace[cut...])) + filter.flush()
            #expect(text == "", "split at \(split)")
            #expect(filter.removed.first == "Swift/ContiguousArrayBuffer.swift:692: Fatal error: Index out of range")
        }
    }

    @Test func ordinaryTextPassesAtOnce() {
        var filter = StackTraceFilter()
        #expect(filter.filter("warning: no newline yet") == "warning: no newline yet")
        #expect(filter.filter("3 apples\n") == "3 apples\n")
    }

    @Test func takesTheTrapMessageAndTheStackTraceOutOfTheStream() {
        var filter = StackTraceFilter()
        var shown = filter.filter("before\nSwift/Array.swift:418: Fatal error: Index out of range\nCurr")
        shown += filter.filter("ent stack trace:\n0    libswiftCore.so   0x00007f1fcbb5f130 swift_reportError + 33\n")
        shown += filter.filter("5    libCell3.so   0x00007f1fcc18df50 f(_:) + 180\n")
        shown += filter.flush()
        #expect(shown == "before\n")
        #expect(filter.removed.count == 4)
        #expect(CellBacktrace.cellFrames(in: filter.removed) == [.init(library: "libCell3.so", function: "f(_:)", offset: 180)])
    }

    @Test func aMessageWithoutAStackTraceIsShownAfterAll() {
        var filter = StackTraceFilter()
        var shown = filter.filter("warning: Fatal error: not really\nnext line\n")
        shown += filter.filter("Fatal error: at the end\n")
        shown += filter.flush()
        #expect(shown == "warning: Fatal error: not really\nnext line\nFatal error: at the end\n")
        #expect(filter.removed.isEmpty)
    }
}
