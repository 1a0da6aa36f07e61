import Foundation

/// A notebook's finished runs as `NAME.runs.json`, without the trained weights: what each
/// task of a sweep leaves behind so that one gathering run can put every task's seeds back
/// into one series, with its tables, curves and primary claims, without training again.
///
///     // in each task of a sweep (one seed, one level):
///     try series.saveRuns(notebook: "08-fashion-little-data")
///     // in the gathering run, over the sweep's folder:
///     let series = try ExperimentSeries(values: sizes, labels: labels, gatheringRunsOf: "08-fashion-little-data",
///                                       under: "out/08-full") { index in experiment(index) }
///
/// The shape: `{"notebook": NAME, "levels": [{"label": LABEL, "value": V, "runs": [SeedResult, ...]}]}`,
/// each run as `SeedResult` encodes it with `parameters` and `state` empty (a CNN's weights
/// would make the file tens of megabytes per run), non-finite numbers as the strings "nan",
/// "inf" and "-inf". So a gathered series measures, compares and draws, but cannot rebuild
/// its trained models (`ExperimentResults.trainedModel`).
struct RunsFileContent: Codable {
    struct Level: Codable {
        var label: String
        var value: Double
        var runs: [SeedResult]
    }

    var notebook: String
    var levels: [Level]
}

/// Why a sweep's runs could not be gathered.
public enum RunsFileError: Error, Equatable, CustomStringConvertible {
    /// No `NAME.runs.json` anywhere under the folder.
    case noRunsFiles(notebook: String, folder: String)
    /// A file could not be read as a runs file.
    case unreadable(path: String, reason: String)
    /// The same model, seed and level in two files (two tasks ran the same point).
    case repeatedRun(model: String, seed: UInt64, level: String, paths: [String])
    /// A run names a level the gathering series does not have.
    case unknownLevel(label: String, path: String, levels: [String])
    /// A run names a model the level's experiment does not have.
    case unknownModel(model: String, level: String, path: String, models: [String])
    /// A level of the gathering series has no run in any file.
    case levelWithoutRuns(label: String)

    public var description: String {
        switch self {
        case .noRunsFiles(let notebook, let folder):
            return "no \(notebook).runs.json under \(folder): give the folder of a finished sweep of \(notebook) (its runs/ hold one per task)"
        case .unreadable(let path, let reason): return "\(path) is not a runs file: \(reason)"
        case .repeatedRun(let model, let seed, let level, let paths):
            return "\(model) at seed \(seed) (\(level)) is in more than one runs file: \(paths.joined(separator: ", ")); gather one sweep's folder"
        case .unknownLevel(let label, let path, let levels):
            return "\(path) holds runs at \"\(label)\", which the series does not have (its levels: \(levels.joined(separator: ", "))); were the tasks run with other parameters?"
        case .unknownModel(let model, let level, let path, let models):
            return "\(path) holds runs of \"\(model)\" at \(level), which the experiment does not have (its models: \(models.joined(separator: ", ")))"
        case .levelWithoutRuns(let label): return "no runs file holds a run at \"\(label)\": has that part of the sweep run?"
        }
    }
}

extension ExperimentSeries {
    /// Writes `NAME.runs.json` into `directory` (default: the working directory, beside the
    /// executed notebook): every level's finished runs without their weights (see
    /// `RunsFileContent`), so `init(values:labels:gatheringRunsOf:under:experiment:)` can
    /// gather the runs of many tasks. Returns its path; the file is written atomically.
    @discardableResult
    public func saveRuns(notebook: String, directory: String = ".") throws -> String {
        let content = RunsFileContent(notebook: notebook, levels: levels.map { level in
            RunsFileContent.Level(label: level.label, value: level.value, runs: level.results.runs.map { run in
                var light = run
                light.parameters = []
                light.state = []
                return light
            })
        })
        let path = (directory as NSString).appendingPathComponent("\(notebook).runs.json")
        try NonFiniteJSON.encoder.encode(content).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }

    /// The series whose runs were trained elsewhere, by the tasks of a sweep: every
    /// `NOTEBOOK.runs.json` under `folder` (searched at any depth) is read, and each level's
    /// experiment (`experiment(index)`, which is not run: it names the models, seeds and
    /// quantities) gets the runs recorded at its label. A seed of the experiment that no file
    /// holds for a model counts as a failed run ("not in the sweep"), so tables show what is there.
    /// - Throws: `RunsFileError` when no file is found, a file is unreadable, the same run is in two files,
    ///   or a run's level or model is not the series'.
    public convenience init(
        values: [Double], labels: [String], gatheringRunsOf notebook: String, under folder: String, experiment: (Int) -> Experiment
    ) throws {
        let experiments = values.indices.map(experiment)
        var found: [[String: (run: SeedResult, path: String)]] = Array(repeating: [:], count: values.count)
        let paths = RunsFileContent.files(of: notebook, under: folder)
        guard !paths.isEmpty else { throw RunsFileError.noRunsFiles(notebook: notebook, folder: folder) }
        for path in paths {
            let content: RunsFileContent
            do {
                content = try NonFiniteJSON.decoder.decode(RunsFileContent.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            } catch {
                throw RunsFileError.unreadable(path: path, reason: "\(error)")
            }
            for level in content.levels {
                guard let index = labels.firstIndex(of: level.label) else {
                    throw RunsFileError.unknownLevel(label: level.label, path: path, levels: labels)
                }
                let models = experiments[index].models.map(\.name)
                for run in level.runs {
                    guard models.contains(run.model) else {
                        throw RunsFileError.unknownModel(model: run.model, level: level.label, path: path, models: models)
                    }
                    let key = "\(run.model)\u{0}\(run.seed)"
                    if let earlier = found[index][key] {
                        throw RunsFileError.repeatedRun(model: run.model, seed: run.seed, level: level.label, paths: [earlier.path, path])
                    }
                    found[index][key] = (run, path)
                }
            }
        }
        var results: [ExperimentResults] = []
        for (index, experiment) in experiments.enumerated() {
            guard !found[index].isEmpty else { throw RunsFileError.levelWithoutRuns(label: labels[index]) }
            var runs: [SeedResult] = []
            var failures: [RunFailure] = []
            for seed in experiment.seeds {
                for model in experiment.models.map(\.name) {
                    if let entry = found[index]["\(model)\u{0}\(seed)"] {
                        runs.append(entry.run)
                    } else {
                        failures.append(RunFailure(model: model, seed: seed, message: "not in the sweep's runs files"))
                    }
                }
            }
            results.append(ExperimentResults(experiment: experiment, runs: runs, failures: failures, interrupted: false))
        }
        self.init(values: values, labels: labels, results: results)
    }
}

extension RunsFileContent {
    /// Every `NOTEBOOK.runs.json` under `folder`, at any depth, in sorted order (a sweep's
    /// temporary run folders, `.tmp-*`, left out).
    static func files(of notebook: String, under folder: String) -> [String] {
        let name = "\(notebook).runs.json"
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var paths: [String] = []
        while let relative = walker.nextObject() as? String {
            let components = relative.split(separator: "/")
            guard components.last.map(String.init) == name, !components.contains(where: { $0.hasPrefix(".tmp-") }) else { continue }
            paths.append((folder as NSString).appendingPathComponent(relative))
        }
        return paths.sorted()
    }
}
