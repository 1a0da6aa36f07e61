import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The runs a killed sweep left running, found through /proc by their working folder (Linux);
/// `ChildProcess.killWithDescendants` stops each with everything it started.
enum ProcessTree {
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
}
