import Foundation
import ProcessSpawning

#if canImport(Glibc)
import Glibc
#endif

/// Stopping a run with everything it started (the executor, swiftc and its frontends, which
/// put themselves in process groups of their own): each process is stopped before its
/// children are listed, so none starts another unseen, then all get SIGKILL. Linux (/proc).
enum ProcessTree {
    /// Sends SIGKILL to `root` and all its descendants; `root` is still to be waited for.
    static func kill(_ root: pid_t) { ChildProcess.killWithDescendants(root) }

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
