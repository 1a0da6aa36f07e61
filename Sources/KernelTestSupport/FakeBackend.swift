import Foundation
import JupyterKernel
import JupyterWire

/// A scripted backend. A cell is commands separated by `;`, run in order:
///
/// | command | does |
/// |---|---|
/// | `print:TEXT`, `stderr:TEXT` | streams TEXT on stdout / stderr |
/// | `result:TEXT` | ends with success and a `text/plain` result |
/// | `fail` | ends with a `ValueError` failure |
/// | `slowfail` | waits 300 ms, then fails (so requests sent after it are queued) |
/// | `sleep` | blocks until interrupted (fails `KeyboardInterrupt`) or shut down (aborted) |
/// | `input`, `password` | asks for input; streams `got:VALUE` or `got:nil` |
/// | `display` | displays HTML with id `d1`, updates it, clears output with wait |
/// | `abort` | ends aborted |
///
/// Everything it is asked is recorded. Thread-safe.
public final class FakeBackend: KernelBackend, @unchecked Sendable {
    /// What kernel_info_request answers.
    public static let info = KernelInfo(
        implementation: "fake-kernel", implementationVersion: "9.8.7", languageName: "fakelang",
        languageVersion: "1.2", mimetype: "text/x-fake", fileExtension: ".fake", pygmentsLexer: "fakelex",
        codemirrorMode: "fakemode", banner: "Fake kernel 9.8.7",
        helpLinks: [KernelInfo.HelpLink(text: "Fake docs", url: "https://example.org/fake")])

    public let kernelInfo = FakeBackend.info
    private let condition = NSCondition()
    private var executedRequests: [ExecuteRequest] = []
    private var interruptCount = 0
    private var shutdownCalls: [Bool] = []
    private var completions: [(String, Int)] = []
    private var inspections: [(String, Int, Int)] = []
    private var pendingInterrupt = false
    private var sleeping = false

    /// A backend with nothing recorded yet.
    public init() {}

    /// The execute requests run, in order.
    public var executed: [ExecuteRequest] { condition.withLock { executedRequests } }
    /// How many times `interrupt()` was called.
    public var interrupts: Int { condition.withLock { interruptCount } }
    /// The `restart` flags `shutdown(restart:)` was called with.
    public var shutdowns: [Bool] { condition.withLock { shutdownCalls } }
    /// The (code, cursor) of each complete request.
    public var completeCalls: [(String, Int)] { condition.withLock { completions } }
    /// The (code, cursor, detail level) of each inspect request.
    public var inspectCalls: [(String, Int, Int)] { condition.withLock { inspections } }

    /// Runs the cell's commands (see the table above).
    public func execute(_ request: ExecuteRequest, output: ExecutionOutput) -> ExecuteOutcome {
        condition.withLock {
            executedRequests.append(request)
            pendingInterrupt = false
        }
        var outcome = ExecuteOutcome.success(result: nil)
        for command in request.code.split(separator: ";", omittingEmptySubsequences: true).map(String.init) {
            switch command {
            case _ where command.hasPrefix("print:"):
                output.stream(.stdout, String(command.dropFirst("print:".count)))
            case _ where command.hasPrefix("stderr:"):
                output.stream(.stderr, String(command.dropFirst("stderr:".count)))
            case _ where command.hasPrefix("result:"):
                outcome = .success(result: .plainText(String(command.dropFirst("result:".count))))
            case "fail":
                return .failure(Self.valueError)
            case "slowfail":
                Thread.sleep(forTimeInterval: 0.3)
                return .failure(Self.valueError)
            case "sleep":
                return sleepUntilInterrupted()
            case "input", "password":
                let value = output.readInput(prompt: "name? ", password: command == "password")
                output.stream(.stdout, "got:\(value ?? "nil")")
            case "display":
                output.display(MIMEBundle(data: ["text/html": "<b>1</b>"], metadata: ["isolated": true]), displayID: "d1")
                output.updateDisplay(.plainText("2"), displayID: "d1")
                output.display(.plainText("no id"), displayID: nil)
                output.clearOutput(wait: true)
            case "abort":
                return .aborted
            default:
                return .failure(KernelError(ename: "UnknownCommand", evalue: command))
            }
        }
        return outcome
    }

    /// What `fail` and `slowfail` end with.
    public static let valueError = KernelError(ename: "ValueError", evalue: "bad value", traceback: ["line 1", "line 2"])
    /// What an interrupted `sleep` ends with.
    public static let keyboardInterrupt = KernelError(ename: "KeyboardInterrupt", evalue: "interrupted")

    /// Waits until a `sleep` command blocks (so an interrupt now reaches it); `false` after 5 s.
    public func waitUntilSleeping() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(5)
        while !sleeping {
            if !condition.wait(until: deadline) { return false }
        }
        return true
    }

    private func sleepUntilInterrupted() -> ExecuteOutcome {
        condition.lock()
        defer { condition.unlock() }
        sleeping = true
        condition.broadcast()
        defer { sleeping = false }
        let deadline = Date().addingTimeInterval(5)
        while !pendingInterrupt && shutdownCalls.isEmpty {
            if !condition.wait(until: deadline) { break }
        }
        if pendingInterrupt {
            pendingInterrupt = false
            return .failure(Self.keyboardInterrupt)
        }
        return .aborted
    }

    /// `incomplete` after a trailing `:`, `invalid` for `bad`, `unknown` for `?`, else `complete`.
    public func isComplete(_ code: String) -> CompletenessVerdict {
        switch code {
        case _ where code.hasSuffix(":"): return .incomplete(indent: "    ")
        case "bad": return .invalid
        case "?": return .unknown
        default: return .complete
        }
    }

    /// Always `alpha` and `alphabet`, replacing the two characters before the cursor.
    public func complete(_ code: String, cursorPosition: Int) -> CompletionMatches {
        condition.withLock { completions.append((code, cursorPosition)) }
        return CompletionMatches(
            matches: ["alpha", "alphabet"], cursorStart: cursorPosition - 2, cursorEnd: cursorPosition,
            metadata: ["_jupyter_types_experimental": [["text": "alpha", "type": "function"]]])
    }

    /// Documentation for code containing `known`, nothing otherwise.
    public func inspect(_ code: String, cursorPosition: Int, detailLevel: Int) -> InspectionResult? {
        condition.withLock { inspections.append((code, cursorPosition, detailLevel)) }
        guard code.contains("known") else { return nil }
        return InspectionResult(
            bundle: MIMEBundle(data: ["text/plain": .string("docs, level \(detailLevel)")], metadata: ["source": "fake"]))
    }

    /// Counts the call and makes a blocked `sleep` fail with `KeyboardInterrupt`.
    public func interrupt() {
        condition.withLock {
            interruptCount += 1
            pendingInterrupt = true
            condition.broadcast()
        }
    }

    /// Records the flag and makes a blocked `sleep` end aborted.
    public func shutdown(restart: Bool) {
        condition.withLock {
            shutdownCalls.append(restart)
            condition.broadcast()
        }
    }
}
