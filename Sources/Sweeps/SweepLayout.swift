import Foundation
import ProcessSpawning

#if canImport(Glibc)
import Glibc
#endif

/// The files of a sweep's output folder DIR:
///
///     DIR/runs/<point>/NAME.ipynb, NAME.results.json, run.log, run.json, the notebook's figures
///     DIR/runs/.tmp-<point>-...   a run in progress (renamed to runs/<point> when it ends)
///     DIR/results.csv, results.json, summary.md, plots/<quantity>.png
///
/// A run writes into a temporary folder beside its final one; when it ends, its record goes
/// in and the folder is renamed into place (replacing an older attempt), so `runs/<point>`
/// is always a whole run or absent.
public struct SweepLayout: Sendable {
    /// DIR.
    public let root: URL
    /// The notebook's name without `.ipynb` (its results file is NAME.results.json).
    public let notebookName: String

    /// The layout of `root` for the notebook called `notebookName`.
    public init(root: URL, notebookName: String) {
        self.root = root.standardizedFileURL
        self.notebookName = notebookName
    }

    /// DIR/runs.
    public var runs: URL { root.appendingPathComponent("runs", isDirectory: true) }
    /// The finished run's folder of a point.
    public func directory(of point: String) -> URL { runs.appendingPathComponent(point, isDirectory: true) }
    /// The run record of a point.
    public func record(of point: String) -> URL { directory(of: point).appendingPathComponent("run.json") }
    /// The results file a point's run wrote.
    public func resultsFile(of point: String) -> URL { directory(of: point).appendingPathComponent("\(notebookName).results.json") }
    /// DIR/results.csv.
    public var resultsCSV: URL { root.appendingPathComponent("results.csv") }
    /// DIR/results.json.
    public var resultsJSON: URL { root.appendingPathComponent("results.json") }
    /// DIR/summary.md.
    public var summary: URL { root.appendingPathComponent("summary.md") }
    /// DIR/plots.
    public var plots: URL { root.appendingPathComponent("plots", isDirectory: true) }

    /// Creates DIR/runs and removes what a killed sweep left: temporary run folders (first
    /// stopping any run still working in one: a sweep killed with SIGKILL leaves its runs
    /// going) and replaced attempts not yet deleted. Call it holding the lock.
    public func prepare() throws(SweepError) {
        do {
            try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
        } catch {
            throw SweepError("cannot create \(runs.path): \(error.localizedDescription)")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: runs.path)) ?? []
        for entry in entries where entry.hasPrefix(".tmp-") || entry.hasPrefix(".old-") {
            let folder = runs.appendingPathComponent(entry).path
            for process in ProcessTree.processes(workingIn: folder) {
                ChildProcess.killWithDescendants(process)
            }
            try? FileManager.default.removeItem(at: runs.appendingPathComponent(entry))
        }
    }

    /// A new, empty temporary folder for a run of `point`.
    public func makeTemporaryDirectory(for point: String) throws(SweepError) -> URL {
        let name = ".tmp-\(point.prefix(150))-\(getpid())-\(UUID().uuidString.prefix(8))"
        let url = runs.appendingPathComponent(name, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        } catch {
            throw SweepError("cannot create \(url.path): \(error.localizedDescription)")
        }
        return url
    }

    /// Moves a run's temporary folder to `runs/<point>`, replacing an older attempt: the old
    /// one is renamed aside first and deleted after, so the point's folder is never half of each.
    public func commit(_ temporary: URL, as point: String) throws(SweepError) {
        let destination = directory(of: point)
        var aside: URL?
        if FileManager.default.fileExists(atPath: destination.path) {
            let old = runs.appendingPathComponent(".old-\(point.prefix(150))-\(UUID().uuidString.prefix(8))", isDirectory: true)
            guard rename(destination.path, old.path) == 0 else {
                throw SweepError("cannot move the old run \(destination.path) aside: \(String(cString: strerror(errno)))")
            }
            aside = old
        }
        guard rename(temporary.path, destination.path) == 0 else {
            throw SweepError("cannot move the run \(temporary.path) to \(destination.path): \(String(cString: strerror(errno)))")
        }
        if let aside { try? FileManager.default.removeItem(at: aside) }
    }

    /// Takes DIR's lock (DIR/.sweep.lock, held while this process lives), so that two sweeps
    /// never write one folder; the error says another holds it.
    public func lock() throws(SweepError) {
        let path = root.appendingPathComponent(".sweep.lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SweepError("cannot open \(path): \(String(cString: strerror(errno)))") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw SweepError("another sweep is writing to \(root.path) (it holds \(path)); wait for it or stop it first")
        }
        // The descriptor stays open (and the lock held) until the process ends.
    }
}
