import Testing

@testable import NotebookDisplay

/// The notebook place is tested through ProgressDisplay (PlottingTests), the one suite that
/// installs the process-wide display destination.
@Suite("ProgressLine and WorkCount")
struct ProgressLineTests {
    @Test("a count says ended of total, running and failed; the time left is the rate so far")
    func count() {
        var count = WorkCount(total: 12)
        #expect(count.secondsLeft(elapsed: 30) == nil)
        count.done = 4
        count.failed = 2
        count.running = 2
        #expect(count.summary() == "6/12 done, 2 running, 2 failed")
        #expect(count.summary(noun: "runs") == "6/12 runs done, 2 running, 2 failed")
        #expect(count.fraction == 0.5)
        // 6 ended in 30 s: the other 6 take 30 s more.
        #expect(count.secondsLeft(elapsed: 30) == 30)
        #expect(WorkCount.clock(3_725) == "1:02:05")
        #expect(ProgressLine.bar(0.25, width: 8) == "[##------]")
        #expect(ProgressLine.bar(2, width: 4, empty: ".") == "[####]")
        #expect(ProgressLine.bar(.nan, width: 4, empty: ".") == "[....]")
    }

    @Test("in a terminal: rewritten in place, lines said go above it, finish ends it")
    func terminal() {
        var written: [String] = []
        let line = ProgressLine(idPrefix: "test", place: .terminal, minimumInterval: 3600) { written.append($0) }
        line.show("1/3")
        line.show("2/3")  // too soon: held back
        line.say("run b failed")
        line.finish()
        #expect(written == ["\r\u{1B}[K1/3", "\r\u{1B}[Krun b failed\n", "\r\u{1B}[K2/3", "\n"])
        line.finish()
        #expect(written.count == 4)
    }

    @Test("in a log: a line per interval, or only the last without one")
    func log() {
        var written: [String] = []
        let quiet = ProgressLine(idPrefix: "test", place: .log) { written.append($0) }
        quiet.show("1/2")
        quiet.show("2/2", force: false)
        quiet.finish("done")
        #expect(written == ["done\n"])
        written = []
        let periodic = ProgressLine(idPrefix: "test", place: .log, logInterval: 3600) { written.append($0) }
        periodic.show("1/2")
        periodic.show("2/2")
        periodic.say("a run ended")
        #expect(written == ["1/2\n", "a run ended\n"])
    }

    @Test("display ids are the prefix and 32 hex digits, fresh for each line")
    func ids() {
        let lines = (0..<100).map { _ in ProgressLine(idPrefix: "id-test", place: .log) { _ in } }
        #expect(lines.allSatisfy { $0.displayID.hasPrefix("id-test-") })
        #expect(lines.allSatisfy { $0.displayID.dropFirst("id-test-".count).allSatisfy(\.isHexDigit) && $0.displayID.count == 8 + 32 })
        #expect(Set(lines.map(\.displayID)).count == 100)
    }
}
