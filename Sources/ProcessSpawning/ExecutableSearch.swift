#if canImport(Glibc)
import Glibc
#endif

/// The first executable called `name` in the folders of `PATH` (in order), then in
/// `fallbackFolders`; nil when there is none. "Executable" means `access(path, X_OK)`
/// succeeds.
///
///     findExecutable(named: "gnuplot", fallbackFolders: ["/usr/bin"])   // "/usr/bin/gnuplot"
public func findExecutable(named name: String, fallbackFolders: [String] = []) -> String? {
    let searchPath = getenv("PATH").map { String(cString: $0) } ?? ""
    let folders = searchPath.split(separator: ":").map(String.init) + fallbackFolders
    return folders.map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
}
