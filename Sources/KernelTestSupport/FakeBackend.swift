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
/// | `msgid` | streams `msg_id:ID`, ID the output's ``ExecutionOutput/parentMessageID`` |
/// | `comm:TARGET` | opens comm `kernel-comm-N` (N counts opens) for TARGET with ``kernelCommOpenData``, metadata `{version: 2.1.0}` and ``kernelCommBuffer``; displays a widget view naming it |
/// | `commsend:ID:TEXT` | sends comm_msg `{text: TEXT}` on comm ID; streams `sent:true` or `sent:false` |
/// | `commclose:ID` | closes comm ID from the kernel side; streams `closed:true` or `closed:false` |
///
/// On comms from the frontend (replace the handlers to script something else): a comm_open is
/// accepted when its target is in ``commTargets``; a comm_msg is echoed back as comm_msg
/// `{echo: data}` with the same buffers, then streams `got comm_msg`; a comm_close does
/// nothing more. Everything it is asked is recorded. Thread-safe.
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
    private var openedComms: [CommOpen] = []
    private var receivedCommMessages: [CommMessage] = []
    private var closedComms: [CommMessage] = []
    private var kernelCommCount = 0
    private var openHandler: (CommOpen, ExecutionOutput) -> Bool
    private var messageHandler: (CommMessage, ExecutionOutput) -> Void
    private var closeHandler: (CommMessage, ExecutionOutput) -> Void

    /// The comm targets the default comm_open handler accepts.
    public static let commTargets: Set<String> = ["fake.echo", "fake.other"]
    /// The `data` of the comm_open that `comm:TARGET` sends.
    public static let kernelCommOpenData: JSONObject = ["state": ["value": 1], "buffer_paths": [["image"]]]
    /// The buffer of the comm_open that `comm:TARGET` sends: bytes that are not UTF-8.
    public static let kernelCommBuffer = Data([0, 1, 2, 0xFE, 0xFF])

    /// A backend with nothing recorded yet and the default comm handlers (see above).
    public init() {
        openHandler = { open, _ in FakeBackend.commTargets.contains(open.targetName) }
        messageHandler = { message, output in
            output.sendCommMessage(
                CommMessage(commID: message.commID, data: ["echo": .object(message.data)], buffers: message.buffers))
            output.stream(.stdout, "got comm_msg")
        }
        closeHandler = { _, _ in }
    }

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
    /// The comm_opens from the frontend, accepted or not, in order.
    public var commOpens: [CommOpen] { condition.withLock { openedComms } }
    /// The comm_msgs from the frontend that reached the backend, in order.
    public var commMessages: [CommMessage] { condition.withLock { receivedCommMessages } }
    /// The comm_closes from the frontend that reached the backend, in order.
    public var commCloses: [CommMessage] { condition.withLock { closedComms } }

    /// Replaces what the backend does on a frontend's comm_open (return whether it accepts it).
    public func onCommOpen(_ handler: @escaping (CommOpen, ExecutionOutput) -> Bool) {
        condition.withLock { openHandler = handler }
    }

    /// Replaces what the backend does on a frontend's comm_msg.
    public func onCommMessage(_ handler: @escaping (CommMessage, ExecutionOutput) -> Void) {
        condition.withLock { messageHandler = handler }
    }

    /// Replaces what the backend does on a frontend's comm_close.
    public func onCommClose(_ handler: @escaping (CommMessage, ExecutionOutput) -> Void) {
        condition.withLock { closeHandler = handler }
    }

    /// Records the comm_open and runs the comm_open handler.
    public func commOpen(_ open: CommOpen, output: ExecutionOutput) -> Bool {
        let handler = condition.withLock {
            openedComms.append(open)
            return openHandler
        }
        return handler(open, output)
    }

    /// Records the comm_msg and runs the comm_msg handler.
    public func commMessage(_ message: CommMessage, output: ExecutionOutput) {
        let handler = condition.withLock {
            receivedCommMessages.append(message)
            return messageHandler
        }
        handler(message, output)
    }

    /// Records the comm_close and runs the comm_close handler.
    public func commClose(_ message: CommMessage, output: ExecutionOutput) {
        let handler = condition.withLock {
            closedComms.append(message)
            return closeHandler
        }
        handler(message, output)
    }

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
            case "msgid":
                output.stream(.stdout, "msg_id:\(output.parentMessageID)")
            case _ where command.hasPrefix("comm:"):
                openKernelComm(target: String(command.dropFirst("comm:".count)), output: output)
            case _ where command.hasPrefix("commsend:"):
                let parts = command.dropFirst("commsend:".count).split(separator: ":", maxSplits: 1).map(String.init)
                let sent = output.sendCommMessage(
                    CommMessage(commID: parts[0], data: ["text": .string(parts.count > 1 ? parts[1] : "")]))
                output.stream(.stdout, "sent:\(sent)")
            case _ where command.hasPrefix("commclose:"):
                let closed = output.closeComm(CommMessage(commID: String(command.dropFirst("commclose:".count))))
                output.stream(.stdout, "closed:\(closed)")
            default:
                return .failure(KernelError(ename: "UnknownCommand", evalue: command))
            }
        }
        return outcome
    }

    /// `comm:TARGET`: opens the next `kernel-comm-N` and displays a widget view of it.
    private func openKernelComm(target: String, output: ExecutionOutput) {
        let id = condition.withLock {
            kernelCommCount += 1
            return "kernel-comm-\(kernelCommCount)"
        }
        output.openComm(
            CommOpen(
                commID: id, targetName: target, data: Self.kernelCommOpenData, metadata: ["version": "2.1.0"],
                buffers: [Self.kernelCommBuffer]))
        output.display(
            MIMEBundle(data: [
                "text/plain": "Widget",
                "application/vnd.jupyter.widget-view+json": [
                    "model_id": .string(id), "version_major": 2, "version_minor": 0,
                ],
            ]),
            displayID: nil)
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
