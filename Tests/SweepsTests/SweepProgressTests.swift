import Foundation
import Sweeps
import Testing

@Suite("Sweep progress")
struct SweepProgressTests {
    @Test("off a terminal, each ended run is a line and the status says done, running, failed and the time left")
    func plainLines() {
        var written = ""
        let progress = SweepProgress(total: 4, isTerminal: false, interval: 3600) { written += $0 }
        progress.update(running: 2)
        progress.ended(succeeded: true, seconds: 10, message: "done a")
        progress.ended(succeeded: false, seconds: 10, message: "FAILED b: cell 3 failed")
        #expect(written.contains("done a\n"))
        #expect(written.contains("FAILED b: cell 3 failed\n"))
        #expect(!written.contains("\r"))
        #expect(progress.status.contains("2/4 done, 0 running, 1 failed"))
        // Two runs ended at once, so at that rate the other two take no time either.
        #expect(progress.secondsLeft.map { $0 < 1 } == true)
        #expect(progress.status.hasSuffix("~0:00:00 left"))
    }

    @Test("on a terminal, the status line is redrawn in place and run lines go above it")
    func terminal() {
        var written = ""
        let progress = SweepProgress(total: 2, isTerminal: true) { written += $0 }
        progress.update(running: 1)
        progress.ended(succeeded: true, seconds: 5, message: "done a")
        #expect(written.hasPrefix("\r\u{1B}[K[....................] 0/2 done, 1 running"))
        #expect(written.contains("\r\u{1B}[Kdone a\n"))
        progress.finish()
        #expect(written.hasSuffix("left\n"))
    }
}
