#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A program started with `posix_spawn`, with chosen file descriptors of ours mapped onto
/// descriptors of the child (everything else is closed in the child by close-on-exec).
///
///     let output = try CloseOnExecPipe()
///     let child = try ChildProcess.spawn(arguments: ["/bin/echo", "hi"], descriptors: [1: output.writeEnd])
///     close(output.writeEnd)
///     // ... read output.readEnd until it ends ...
///     let status = child.waitForExit()   // 0
public struct ChildProcess: Sendable {
    /// The child's process id.
    public let processID: pid_t

    /// Starts `arguments[0]` (an absolute path) with `arguments`.
    ///
    /// - Parameters:
    ///   - arguments: the program's path, then its arguments (`argv`).
    ///   - environment: the child's environment; nil passes this process's own.
    ///   - descriptors: child descriptor → our descriptor, e.g. `[1: pipe.writeEnd]`.
    ///     Descriptors not in the map are closed in the child (ours are close-on-exec),
    ///     except 0, 1 and 2, which are /dev/null when not mapped.
    ///   - signals: how the child's signal mask and SIGPIPE start (see ``ChildSignals``).
    /// - Throws: `SpawnError.descriptor` or `.launch`, with the system's reason.
    public static func spawn(
        arguments: [String], environment: [String: String]? = nil, descriptors: [Int32: Int32],
        signals: ChildSignals = .inherited
    ) throws(SpawnError) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Move every source above the highest target first, so no dup2 overwrites a source.
        let highestTarget = (descriptors.keys.max() ?? 2)
        var lifted: [Int32: Int32] = [:]
        var liftedCopies: [Int32] = []
        defer { liftedCopies.forEach { close($0) } }
        for (target, source) in descriptors {
            if source <= highestTarget {
                let copy = fcntl(source, F_DUPFD_CLOEXEC, highestTarget + 1)
                guard copy >= 0 else { throw .descriptor(String(cString: strerror(errno))) }
                liftedCopies.append(copy)
                lifted[target] = copy
            } else {
                lifted[target] = source
            }
        }
        for (target, source) in lifted.sorted(by: { $0.key < $1.key }) {
            posix_spawn_file_actions_adddup2(&actions, source, target)
        }
        for standard: Int32 in 0...2 where lifted[standard] == nil {
            posix_spawn_file_actions_addopen(&actions, standard, "/dev/null", standard == 0 ? O_RDONLY : O_WRONLY, 0)
        }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if signals == .emptyMaskAndDefaultSIGPIPE {
            var emptyMask = sigset_t()
            sigemptyset(&emptyMask)
            posix_spawnattr_setsigmask(&attributes, &emptyMask)
            var defaults = sigset_t()
            sigemptyset(&defaults)
            sigaddset(&defaults, SIGPIPE)
            posix_spawnattr_setsigdefault(&attributes, &defaults)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        }

        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer {
            argv.forEach { free($0) }
            envp?.forEach { free($0) }
        }
        var processID: pid_t = 0
        let status = if let envp {
            posix_spawn(&processID, arguments[0], &actions, &attributes, argv, envp)
        } else {
            posix_spawn(&processID, arguments[0], &actions, &attributes, argv, environ)
        }
        guard status == 0 else { throw .launch(path: arguments[0], reason: String(cString: strerror(status))) }
        return ChildProcess(processID: processID)
    }

    /// Sends SIGKILL to the child and to every process it started, and theirs in turn (a
    /// compiler driver's frontends, which put themselves in process groups of their own).
    /// Each process is stopped before its children are listed, so none can start another
    /// unseen. Found through /proc (Linux); the child itself is still to be waited for.
    public func killWithDescendants() { Self.killWithDescendants(processID) }

    /// Sends SIGKILL to `root` and to every process it started, and theirs in turn, as
    /// `killWithDescendants()` does for a child of this type; for processes started otherwise
    /// (a notebook run spawned by a sweep) or found through /proc. `root` is still to be
    /// waited for by its parent.
    public static func killWithDescendants(_ root: pid_t) {
        var stopped: [pid_t] = []
        var pending = [root]
        while let process = pending.popLast() {
            guard Glibc.kill(process, SIGSTOP) == 0 else { continue }
            stopped.append(process)
            pending += Self.children(of: process)
        }
        for process in stopped { Glibc.kill(process, SIGKILL) }
    }

    /// The process ids of the children of `process`, from /proc/PID/task/TID/children.
    static func children(of process: pid_t) -> [pid_t] {
        let tasks = "/proc/\(process)/task"
        guard let threads = try? FileManager.default.contentsOfDirectory(atPath: tasks) else { return [] }
        return threads.flatMap { thread -> [pid_t] in
            guard let list = try? String(contentsOfFile: "\(tasks)/\(thread)/children", encoding: .utf8) else { return [] }
            return list.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// A child this process started otherwise (with `fork`), to wait for and stop like a spawned one.
    public init(processID: pid_t) {
        self.processID = processID
    }

    /// Waits for the child to end and collects it; nil if it cannot be waited for (it is not
    /// a child of this process, or was collected already).
    public func waitForEnd() -> ProcessEnd? {
        var status: Int32 = 0
        while waitpid(processID, &status, 0) < 0 {
            if errno != EINTR { return nil }
        }
        return ProcessEnd(waitStatus: status)
    }

    /// Waits for the child to end; returns its exit status, or 128 + the signal that ended it
    /// (-1 if it cannot be waited for).
    public func waitForExit() -> Int32 {
        waitForEnd()?.shellStatus ?? -1
    }

    /// How the child ended, collecting it, if it has ended; nil while it runs (or if it
    /// cannot be waited for).
    public func endIfFinished() -> ProcessEnd? {
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(processID, &status, WNOHANG) } while result < 0 && errno == EINTR
        return result == processID ? ProcessEnd(waitStatus: status) : nil
    }

    /// Waits up to `limit` for the child to end (looking every 100 ms); nil if it still runs.
    public func waitForEnd(within limit: Duration) -> ProcessEnd? {
        let deadline = ContinuousClock.now + limit
        while true {
            if let end = endIfFinished() { return end }
            if ContinuousClock.now >= deadline { return nil }
            usleep(100_000)
        }
    }

    /// Kills the child (SIGKILL; with every process it started when `withDescendants`) and
    /// collects it.
    @discardableResult
    public func kill(withDescendants: Bool = false) -> ProcessEnd? {
        if withDescendants { killWithDescendants() } else { Glibc.kill(processID, SIGKILL) }
        return waitForEnd()
    }

    /// Collects every child of this process that has ended, whoever started it (a subreaper's
    /// adopted orphans among them), without waiting; returns their process ids.
    public static func collectEndedChildren() -> [pid_t] {
        var ended: [pid_t] = []
        var status: Int32 = 0
        while true {
            let process = waitpid(-1, &status, WNOHANG)
            if process < 0 && errno == EINTR { continue }
            if process <= 0 { return ended }
            ended.append(process)
        }
    }
}
