import Foundation
import JupyterWire
import Testing

@testable import JupyterKernel

/// The history queries and the glob, without sockets.
@Suite("ExecutionHistory")
struct ExecutionHistoryTests {
    func history(_ sources: [String]) -> ExecutionHistory {
        var history = ExecutionHistory()
        for (index, source) in sources.enumerated() { history.append(line: index + 1, source: source) }
        return history
    }

    @Test("range reads lines start..<stop, with IPython's negative and zero bounds")
    func range() {
        let h = history(["a", "b", "c", "d"])
        #expect(h.range(session: 0, start: 1, stop: nil).map(\.line) == [1, 2, 3, 4])
        #expect(h.range(session: 0, start: 2, stop: 3).map(\.line) == [2])
        #expect(h.range(session: 0, start: -2, stop: nil).map(\.line) == [3, 4])
        #expect(h.range(session: 0, start: 1, stop: -1).map(\.line) == [1, 2, 3])
        #expect(h.range(session: 0, start: 1, stop: 99).map(\.line) == [1, 2, 3, 4])
        #expect(h.range(session: 2, start: 1, stop: nil).isEmpty)
    }

    @Test("tail gives the last n; search keeps order, unique keeps the latest copy, n the last ones")
    func tailAndSearch() {
        let h = history(["x = 1", "print(x)", "x = 1", "y = 2"])
        #expect(h.tail(2).map(\.source) == ["x = 1", "y = 2"])
        #expect(h.tail(0).isEmpty)
        #expect(h.tail(10).count == 4)
        #expect(h.search(pattern: "x*", n: nil, unique: false).map(\.line) == [1, 3])
        #expect(h.search(pattern: "x*", n: nil, unique: true).map(\.line) == [3])
        #expect(h.search(pattern: "*", n: 2, unique: false).map(\.line) == [3, 4])
        #expect(h.search(pattern: "*1", n: nil, unique: true).map(\.line) == [3])
    }

    @Test("glob: * any text, ? one character, [set], [^set], ranges; the whole text must match")
    func glob() {
        #expect(Glob.matches("*", ""))
        #expect(Glob.matches("*", "anything\nat all"))
        #expect(Glob.matches("a*c", "abbbc"))
        #expect(!Glob.matches("a*c", "abbbcd"))
        #expect(Glob.matches("*pri*nt*", "print(x)"))
        #expect(Glob.matches("a?c", "abc"))
        #expect(!Glob.matches("a?c", "ac"))
        #expect(Glob.matches("[ab]x", "bx"))
        #expect(!Glob.matches("[^ab]x", "bx"))
        #expect(Glob.matches("[a-c]*", "c++"))
        #expect(Glob.matches("é*", "élan"))
        #expect(!Glob.matches("abc", "ABC"))
        #expect(Glob.matches("[x", "[x"))
        #expect(Glob.matches("**a**", "banana"))
    }
}

@Suite("small pieces")
struct SmallPiecesTests {
    @Test("a log line is [swift-margin] LEVEL message, and quieter levels are not written")
    func logFormat() {
        let recorder = Recorder()
        let log = KernelLog(level: .warning) { recorder.append($0) }
        log(.error, "boom")
        log(.warning, "careful")
        log(.info, "hidden")
        log(.debug, "hidden")
        #expect(recorder.lines == ["[swift-margin] ERROR boom", "[swift-margin] WARNING careful"])
        #expect(KernelLog.Level.error < .debug)
        #expect(KernelLog(level: .debug).isEnabled(.debug))
        #expect(!KernelLog(level: .info).isEnabled(.debug))
    }

    @Test("reply types: x_request -> x_reply")
    func replyTypes() {
        #expect(KernelSession.replyType(for: "execute_request") == "execute_reply")
        #expect(KernelSession.replyType(for: "kernel_info_request") == "kernel_info_reply")
        #expect(KernelSession.replyType(for: "odd") == "odd_reply")
    }

    @Test("MIMEBundle.plainText holds only text/plain")
    func plainText() {
        #expect(MIMEBundle.plainText("hi") == MIMEBundle(data: ["text/plain": "hi"], metadata: [:]))
    }

    @Test("the parent watcher sees a live parent as alive")
    func parentAlive() {
        #expect(ParentWatcher.parentGoneReason(initialParent: getppid(), namedParent: getppid()) == nil)
        #expect(ParentWatcher.parentGoneReason(initialParent: getppid() + 1_000_000, namedParent: nil) != nil)
    }

    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [String] = []
        var lines: [String] { lock.withLock { stored } }
        func append(_ line: String) { lock.withLock { stored.append(line) } }
    }
}
