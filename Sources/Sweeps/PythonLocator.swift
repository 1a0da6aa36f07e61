import Foundation
import ProcessSpawning

/// Finds the Python that drives Dask: one that imports the `swift_margin_dask` package
/// (python/swift-margin-dask, installed into the repository's venv by `make`).
///
/// Tried in order: the `--python` option, `$SWIFT_MARGIN_PYTHON`, `.venv/bin/python` in a
/// folder above the executable (the repository's venv for `.build/debug/swift-margin`),
/// `python3` on `PATH`. An explicit choice that lacks the package is an error; otherwise the
/// first candidate that imports it wins.
public enum PythonLocator {
    /// The module the sweep runs with `python -m`.
    public static let module = "swift_margin_dask"

    /// The Python to use; the error lists what was tried and says what to set.
    public static func locate(explicit: String?, environment: [String: String], executable: String) throws(SweepError) -> String {
        if let chosen = explicit ?? environment["SWIFT_MARGIN_PYTHON"].flatMap({ $0.isEmpty ? nil : $0 }) {
            let source = explicit != nil ? "--python" : "SWIFT_MARGIN_PYTHON"
            if let problem = problem(with: chosen) {
                throw SweepError("\(source) names \(chosen), which cannot drive Dask: \(problem); install the package there (pip install -e python/swift-margin-dask) or set \(source) to a Python that has it")
            }
            return chosen
        }
        var tried: [String] = []
        for candidate in candidates(executable: executable) {
            guard let problem = problem(with: candidate) else { return candidate }
            tried.append("\(candidate) (\(problem))")
        }
        let list = tried.isEmpty ? "no python3 found" : "tried " + tried.joined(separator: "; ")
        throw SweepError("no Python with the \(module) package for --scheduler: \(list). Set SWIFT_MARGIN_PYTHON (or --python) to a Python where `pip install -e python/swift-margin-dask` ran (`make venv` does it into .venv)")
    }

    /// The automatic candidates: venvs above the executable, then python3 on PATH.
    static func candidates(executable: String) -> [String] {
        var found: [String] = []
        var folder = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" && !folder.path.isEmpty {
            let python = folder.appendingPathComponent(".venv/bin/python").path
            if FileManager.default.isExecutableFile(atPath: python) { found.append(python) }
            folder = folder.deletingLastPathComponent()
        }
        if let python3 = findExecutable(named: "python3") { found.append(python3) }
        return found
    }

    /// Why `python` cannot drive Dask (nil: it can): it does not run, or lacks the package.
    static func problem(with python: String) -> String? {
        guard FileManager.default.isExecutableFile(atPath: python) else { return "no executable there" }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import \(module)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return "it does not start: \(error.localizedDescription)"
        }
        process.waitUntilExit()
        return process.terminationStatus == 0 ? nil : "it cannot import \(module)"
    }
}
