import Foundation
import ProcessSpawning
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A child started on three fresh pipes: its input's write end and its output's and error's read ends.
private struct PipedChild {
    let process: ChildProcess
    let input: Int32
    let output: Int32
    let error: Int32

    init(_ script: String) throws {
        let input = try CloseOnExecPipe(), output = try CloseOnExecPipe(), error = try CloseOnExecPipe()
        process = try ChildProcess.spawn(
            arguments: ["/bin/sh", "-c", script],
            descriptors: [0: input.readEnd, 1: output.writeEnd, 2: error.writeEnd])
        for end in [input.readEnd, output.writeEnd, error.writeEnd] { close(end) }
        self.input = input.writeEnd
        self.output = output.readEnd
        self.error = error.readEnd
    }

    /// A drain of this child's output and error that feeds it `input`.
    func drain(feeding input: Data) -> PipeDrain {
        var drain = PipeDrain()
        drain.read(output)
        drain.read(error)
        drain.write(input, to: self.input)
        return drain
    }
}

@Suite("PipeDrain")
struct PipeDrainTests {
    @Test("input larger than a pipe's buffer is echoed whole while it is written (no deadlock)")
    func largeInputAndOutput() throws {
        let child = try PipedChild("cat; echo done >&2")
        let input = Data((0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        var drain = child.drain(feeding: input)
        #expect(drain.run(deadline: .now + .seconds(30)) == .finished)
        #expect(drain.bytes(of: child.output) == Array(input))
        #expect(String(decoding: drain.bytes(of: child.error), as: UTF8.self) == "done\n")
        #expect(child.process.waitForEnd() == .exited(0))
    }

    @Test("a child that never ends: the deadline passes, the pipes stay open until closed")
    func deadline() throws {
        let child = try PipedChild("echo started; exec sleep 30")
        var drain = child.drain(feeding: Data())
        let start = ContinuousClock.now
        #expect(drain.run(deadline: .now + .milliseconds(300)) == .deadlinePassed)
        #expect(ContinuousClock.now - start < .seconds(5))
        #expect(drain.isOpen(child.output))
        drain.closeAll()
        #expect(!drain.isOpen(child.output))
        #expect(String(decoding: drain.bytes(of: child.output), as: UTF8.self) == "started\n")
        #expect(child.process.kill() == .killed(signal: SIGKILL))
    }

    @Test("shouldStop is asked while the child runs, and stops the drain")
    func stop() throws {
        let child = try PipedChild("exec sleep 30")
        var drain = child.drain(feeding: Data())
        var asked = 0
        #expect(drain.run(checkEvery: .milliseconds(10)) { asked += 1; return asked == 3 } == .stopped)
        #expect(asked == 3)
        drain.closeAll()
        child.process.kill(withDescendants: true)
    }

    @Test("a child that stops reading its input ends the writing, not this process (SIGPIPE)")
    func readerGone() throws {
        let child = try PipedChild("head -c 10 >/dev/null; echo read")
        var drain = child.drain(feeding: Data(repeating: 65, count: 4_000_000))
        #expect(drain.run(deadline: .now + .seconds(30)) == .finished)
        #expect(String(decoding: drain.bytes(of: child.output), as: UTF8.self) == "read\n")
        #expect(child.process.waitForEnd() == .exited(0))
    }

    @Test("take hands over a finished pipe's bytes and forgets it")
    func take() throws {
        let child = try PipedChild("printf abc")
        var drain = child.drain(feeding: Data())
        _ = drain.run()
        #expect(drain.take(child.output) == Array("abc".utf8))
        #expect(drain.bytes(of: child.output).isEmpty)
        _ = child.process.waitForEnd()
    }
}

@Suite("Waiting for children")
struct ChildEndTests {
    @Test("exit codes and signals are told apart; the shell's number for each")
    func ends() throws {
        let exited = try PipedChild("exit 3")
        #expect(exited.process.waitForEnd() == .exited(3))
        let killed = try PipedChild("kill -KILL $$")
        let end = killed.process.waitForEnd()
        #expect(end == .killed(signal: SIGKILL))
        #expect(end?.shellStatus == 128 + SIGKILL)
        #expect(ProcessEnd.exited(3).shellStatus == 3)
        #expect(exited.process.waitForEnd() == nil)  // collected already
    }

    @Test("endIfFinished is nil while the child runs; waitForEnd(within:) gives up, then sees the end")
    func nonBlocking() throws {
        let child = try PipedChild("read line; exit 5")
        #expect(child.process.endIfFinished() == nil)
        #expect(child.process.waitForEnd(within: .milliseconds(200)) == nil)
        close(child.input)  // `read` sees the end of its input
        #expect(child.process.waitForEnd(within: .seconds(10)) == .exited(5))
    }

    @Test("collectEndedChildren collects an ended child by its id, and not a running one")
    func collect() async {
        // In a process of its own: collecting every ended child would take the test runner's
        // own children (other tests' exit tests) from it.
        await #expect(processExitsWith: .success) {
            guard let running = try? PipedChild("exec sleep 30"), let ended = try? PipedChild("exit 0") else { exit(2) }
            var collected: [pid_t] = []
            let deadline = ContinuousClock.now + .seconds(10)
            while !collected.contains(ended.process.processID) && ContinuousClock.now < deadline {
                collected += ChildProcess.collectEndedChildren()
                usleep(10_000)
            }
            let found = collected.contains(ended.process.processID) && !collected.contains(running.process.processID)
            running.process.kill()
            exit(found ? 0 : 1)
        }
    }

    @Test("waitForEvents: nothing before the timeout, then input, then the hang-up")
    func events() throws {
        let pipe = try CloseOnExecPipe()
        #expect(waitForEvents([pipe.readEnd], timeout: .milliseconds(50)).isEmpty)
        guard case .success = writeAll(Array("x".utf8), to: pipe.writeEnd) else {
            Issue.record("writing to an empty pipe failed")
            return
        }
        let readable = waitForEvents([pipe.readEnd], timeout: .seconds(5))
        #expect(readable.map(\.descriptor) == [pipe.readEnd])
        #expect(readable.first?.readable == true && readable.first?.hungUp == false)
        close(pipe.readEnd)
        let hungUp = waitForEvents([], hangUpOnly: [pipe.writeEnd], timeout: .seconds(5))
        #expect(hungUp.first?.hungUp == true)
        close(pipe.writeEnd)
    }
}
