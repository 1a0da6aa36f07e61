#if canImport(Glibc)
import Glibc
#endif
import CProcessControl
import Foundation

/// A program started with `posix_spawn`, with chosen file descriptors of ours mapped onto
/// descriptors of the child (everything else is closed in the child by close-on-exec).
struct ChildProcess {
    /// The child's process id.
    let processID: pid_t

    /// Starts `arguments[0]` (an absolute path) with `arguments`, `environment`, and the
    /// descriptor map child-descriptor → our descriptor (e.g. [1: pipeWriteEnd]).
    /// Descriptors not in the map are closed in the child, except 0, 1, 2, which are
    /// /dev/null when not mapped.
    static func spawn(arguments: [String], environment: [String: String], descriptors: [Int32: Int32]) throws(SessionSetupError) -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Move every source above the highest target first, so no dup2 overwrites a source.
        let highestTarget = (descriptors.keys.max() ?? 2)
        var lifted: [Int32: Int32] = [:]
        var liftedCopies: [Int32] = []
        for (target, source) in descriptors {
            if source <= highestTarget {
                let copy = fcntl(source, F_DUPFD_CLOEXEC, highestTarget + 1)
                guard copy >= 0 else { throw SessionSetupError("cannot duplicate a descriptor: \(String(cString: strerror(errno)))") }
                liftedCopies.append(copy)
                lifted[target] = copy
            } else {
                lifted[target] = source
            }
        }
        defer { liftedCopies.forEach { close($0) } }
        for (target, source) in lifted.sorted(by: { $0.key < $1.key }) {
            posix_spawn_file_actions_adddup2(&actions, source, target)
        }
        for standard: Int32 in 0...2 where lifted[standard] == nil {
            posix_spawn_file_actions_addopen(&actions, standard, "/dev/null", standard == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var processID: pid_t = 0
        let status = posix_spawn(&processID, arguments[0], &actions, nil, argv, envp)
        guard status == 0 else {
            throw SessionSetupError("cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        return ChildProcess(processID: processID)
    }

    /// Waits for the child to end; returns its exit status, or 128 + the signal that ended it.
    func waitForExit() -> Int32 {
        var status: Int32 = 0
        while waitpid(processID, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}

/// A pipe whose two ends are close-on-exec (a child gets an end only through a mapping).
struct Pipe {
    let readEnd: Int32
    let writeEnd: Int32

    init() throws(SessionSetupError) {
        var ends: [Int32] = [0, 0]
        guard process_pipe_cloexec(&ends) == 0 else {
            throw SessionSetupError("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }
}

/// The session could not start a process or create what it needs on disk.
public struct SessionSetupError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, in words.
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
