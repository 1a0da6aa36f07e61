import Foundation
import ProcessSpawning
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Runs `arguments` with the child's `target` descriptor on a pipe; what it wrote there and
/// its exit status.
private func run(
    _ arguments: [String], capturing target: Int32 = 1, environment: [String: String]? = nil,
    signals: ChildSignals = .inherited
) throws -> (output: String, status: Int32) {
    let pipe = try CloseOnExecPipe()
    let child: ChildProcess
    do {
        child = try ChildProcess.spawn(
            arguments: arguments, environment: environment, descriptors: [target: pipe.writeEnd], signals: signals)
    } catch {
        close(pipe.readEnd)
        close(pipe.writeEnd)
        throw error
    }
    close(pipe.writeEnd)
    var drain = PipeDrain()
    drain.read(pipe.readEnd)
    _ = drain.run()
    let bytes = drain.bytes(of: pipe.readEnd)
    return (String(decoding: bytes, as: UTF8.self), child.waitForExit())
}

/// `run` for a `/bin/sh -c` script.
private func runShell(
    _ script: String, capturing target: Int32 = 1, environment: [String: String]? = nil
) throws -> (output: String, status: Int32) {
    try run(["/bin/sh", "-c", script], capturing: target, environment: environment)
}

@Suite("ChildProcess")
struct ChildProcessTests {
    @Test("a mapped descriptor carries the child's output; the exit status comes back")
    func outputAndStatus() throws {
        let result = try runShell("echo out; exit 3")
        #expect(result.output == "out\n")
        #expect(result.status == 3)
    }

    @Test("a descriptor above 2 can be mapped (the executor's 3 and 4)")
    func nonStandardTarget() throws {
        let result = try runShell("echo three >&3", capturing: 3)
        #expect(result.output == "three\n")
        #expect(result.status == 0)
    }

    @Test("unmapped standard input is /dev/null, so a reader sees its end at once")
    func unmappedStandardInputIsEmpty() throws {
        let result = try runShell("cat; echo done")
        #expect(result.output == "done\n")
    }

    @Test("a child ended by a signal reports 128 + the signal")
    func killedBySignal() throws {
        let child = try ChildProcess.spawn(arguments: ["/bin/sleep", "60"], descriptors: [:])
        kill(child.processID, SIGKILL)
        #expect(child.waitForExit() == 128 + SIGKILL)
    }

    @Test("the environment given replaces ours; none given passes ours")
    func environment() throws {
        #expect(try runShell("echo \"$GREETING\"", environment: ["GREETING": "hello"]).output == "hello\n")
        let home = try #require(ProcessInfo.processInfo.environment["HOME"])
        #expect(try runShell("echo \"$HOME\"").output == "\(home)\n")
    }

    /// The test threads (Dispatch's workers) block most asynchronous signals already; SIGPIPE
    /// is blocked here explicitly. grep reads its own signal masks (a shell would reset them).
    @Test("a blocked SIGPIPE is inherited, or cleared with emptyMaskAndDefaultSIGPIPE")
    func signalMask() throws {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let readMasks = ["/bin/grep", "-E", "^Sig(Blk|Ign)", "/proc/self/status"]
        let sigpipeBit: UInt64 = 1 << (UInt64(SIGPIPE) - 1)
        func mask(_ name: String, in status: String) throws -> UInt64 {
            let line = try #require(status.split(separator: "\n").first { $0.hasPrefix(name + ":") })
            return try #require(UInt64(line.split(separator: "\t").last.map(String.init) ?? "", radix: 16))
        }
        let inherited = try run(readMasks).output
        #expect(try mask("SigBlk", in: inherited) & sigpipeBit != 0)
        let cleared = try run(readMasks, signals: .emptyMaskAndDefaultSIGPIPE).output
        #expect(try mask("SigBlk", in: cleared) == 0)
        #expect(try mask("SigIgn", in: cleared) & sigpipeBit == 0)
    }

    @Test("a program that is not there fails with posix_spawn's reason")
    func launchFailure() {
        #expect(throws: SpawnError.launch(path: "/nonexistent/tool", reason: "No such file or directory")) {
            try ChildProcess.spawn(arguments: ["/nonexistent/tool"], descriptors: [:])
        }
        #expect(SpawnError.launch(path: "/nonexistent/tool", reason: "No such file or directory").description
            == "cannot start /nonexistent/tool: No such file or directory")
    }
}
