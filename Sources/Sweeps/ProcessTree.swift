import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Stopping a run with everything it started (the executor, swiftc and its frontends, which
/// put themselves in process groups of their own): each process is stopped before its
/// children are listed, so none starts another unseen, then all get SIGKILL. Linux (/proc).
enum ProcessTree {
    /// Sends SIGKILL to `root` and all its descendants; `root` is still to be waited for.
    static func kill(_ root: pid_t) {
        var stopped: [pid_t] = []
        var pending = [root]
        while let process = pending.popLast() {
            guard Glibc.kill(process, SIGSTOP) == 0 else { continue }
            stopped.append(process)
            pending += children(of: process)
        }
        for process in stopped { _ = Glibc.kill(process, SIGKILL) }
    }

    /// The children of `process`, from /proc/PID/task/TID/children.
    static func children(of process: pid_t) -> [pid_t] {
        let tasks = "/proc/\(process)/task"
        guard let threads = try? FileManager.default.contentsOfDirectory(atPath: tasks) else { return [] }
        return threads.flatMap { thread -> [pid_t] in
            guard let list = try? String(contentsOfFile: "\(tasks)/\(thread)/children", encoding: .utf8) else { return [] }
            return list.split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
    }

    /// The processes whose working folder is `folder` or inside it (runs a killed sweep left
    /// running in its temporary folders), from /proc/PID/cwd.
    static func processes(workingIn folder: String) -> [pid_t] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc") else { return [] }
        return entries.compactMap { entry -> pid_t? in
            guard let process = pid_t(entry), process != getpid(),
                  let cwd = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(entry)/cwd") else { return nil }
            return cwd == folder || cwd.hasPrefix(folder + "/") ? process : nil
        }
    }

    /// The exit status of a `waitpid` status word: the code, or 128 + the signal.
    static func exitStatus(_ status: Int32) -> Int32 {
        status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
