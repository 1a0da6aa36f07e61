@testable import Models
import NotebookDisplay
@testable import MarginFigures
@testable import Plotting
import Synchronization
import Testing

/// Serialized: the notebook test installs the process-wide display destination, which the
/// terminal tests must not see.
@Suite("Progress display", .serialized)
struct ProgressDisplayTests {
    func progress(_ step: Int, of total: Int = 10, evaluation: Evaluation? = nil) -> TrainingProgress {
        TrainingProgress(step: step, totalSteps: total, loss: 0.003, learningRate: 0.01, stepsPerSecond: 4000, evaluation: evaluation)
    }

    @Test("in a terminal: one line rewritten after a carriage return, a newline at the last step")
    func terminal() {
        var output: [String] = []
        let display = ProgressDisplay(barWidth: 10, minimumInterval: 0, place: .terminal) { output.append($0) }
        display.report(progress(5))
        display.report(progress(8, evaluation: Evaluation(step: 8, trainingAccuracy: 1, testAccuracy: 0.968)))
        display.report(progress(10))
        // Each rewrite clears the rest of the line (ESC [K), so a shorter line leaves nothing behind.
        #expect(output == [
            "\r\u{1B}[K[#####-----] 50% step 5/10  loss 0.003  4000 steps/s  about 0:00:00 left",
            "\r\u{1B}[K[########--] 80% step 8/10  loss 0.003  4000 steps/s  about 0:00:00 left  train acc 1  test acc 0.968",
            "\r\u{1B}[K[##########] 100% step 10/10  loss 0.003  train acc 1  test acc 0.968",
            "\n",
        ])
        display.finish()
        #expect(output.count == 4)
    }

    @Test("the time left is the steps left at the reported speed")
    func timeLeft() {
        var output: [String] = []
        let display = ProgressDisplay(barWidth: 4, minimumInterval: 0, place: .terminal) { output.append($0) }
        var slow = progress(100, of: 10_000)
        slow.stepsPerSecond = 50  // 9,900 steps at 50 a second: 198 s
        display.report(slow)
        #expect(output.first?.hasSuffix("50 steps/s  about 0:03:18 left") == true, "\(output)")
    }

    @Test("reports closer than the interval are skipped; finish shows the last one and ends the line")
    func throttling() {
        var output: [String] = []
        let display = ProgressDisplay(barWidth: 10, minimumInterval: 3600, place: .terminal) { output.append($0) }
        display.report(progress(1))
        display.report(progress(2))
        display.report(progress(3))
        #expect(output == ["\r\u{1B}[K[#---------] 10% step 1/10  loss 0.003  4000 steps/s  about 0:00:00 left"])
        display.finish()
        #expect(output.dropFirst().first?.hasPrefix("\r\u{1B}[K[###-------] 30% step 3/10") == true)
        #expect(output.last == "\n")
    }

    @Test("releasing an unfinished display ends its line")
    func releaseEndsLine() {
        var output: [String] = []
        do {
            let display = ProgressDisplay(minimumInterval: 0, place: .terminal) { output.append($0) }
            display.report(progress(1))
        }
        #expect(output.last == "\n")
    }

    @Test("in a notebook: one display, then updates with the same id")
    func notebook() throws {
        let requests = Mutex<[DisplayDestination.Request]>([])
        DisplayDestination.install { request in requests.withLock { $0.append(request) } }
        defer { DisplayDestination.install(nil) }
        var terminal: [String] = []
        let display = ProgressDisplay(minimumInterval: 0) { terminal.append($0) }
        let other = ProgressDisplay()
        #expect(display.displayID.hasPrefix("progress-"))
        #expect(display.displayID != other.displayID)
        display.report(progress(2))
        display.report(progress(6, evaluation: Evaluation(step: 6, trainingAccuracy: 1, testAccuracy: 0.5)))
        display.report(progress(10))
        display.finish()
        let seen = requests.withLock { $0 }
        #expect(terminal.isEmpty)
        #expect(seen.count == 3)
        guard seen.count == 3 else { return }
        guard case .show(let first, let firstID) = seen[0] else {
            Issue.record("the first request is not a show: \(seen[0])")
            return
        }
        #expect(firstID == display.displayID)
        #expect(first.data["text/plain"] == "step 2/10  loss 0.003  4000 steps/s  about 0:00:00 left")
        #expect(first.data["text/html"]?.contains("<progress value=\"2\" max=\"10\"") == true)
        for request in seen.dropFirst() {
            guard case .update(_, let id) = request else {
                Issue.record("a later request is not an update: \(request)")
                continue
            }
            #expect(id == display.displayID)
        }
        if case .update(let last, _) = seen[2] {
            // The final line has no speed: a finished run shows the same text every time.
            #expect(last.data["text/plain"] == "step 10/10  loss 0.003  train acc 1  test acc 0.5")
        }
    }

    @Test("each display's id is fresh")
    func ids() {
        let a = ProgressDisplay(writer: { _ in })
        let b = ProgressDisplay(writer: { _ in })
        #expect(a.displayID.hasPrefix("progress-") && b.displayID.hasPrefix("progress-"))
        #expect(a.displayID != b.displayID)
    }
}
