import Foundation

/// What a sweep keeps of one run in `runs/<point>/run.json`: the notebook's content hash, the
/// parameters, whether it succeeded, its error, its wall time. A rerun of the sweep reads it
/// to skip the point (see ``ResumeDecision``).
public struct RunRecord: Codable, Sendable, Equatable {
    /// How a run ended.
    public enum Status: String, Codable, Sendable {
        /// The notebook ran to its end and wrote its results file.
        case succeeded
        /// A cell failed, the run was killed, or it wrote no results file.
        case failed
    }

    /// The point's folder name.
    public var point: String
    /// The notebook's path as given to the sweep.
    public var notebook: String
    /// The SHA-256 of the notebook's bytes when the run started.
    public var notebookSHA256: String
    /// Every `-p` parameter the run was given, by name.
    public var parameters: [String: String]
    /// The point's seed, when the sweep spreads seeds.
    public var seed: Int?
    /// How the run ended.
    public var status: Status
    /// Why it failed (nil when it succeeded).
    public var error: String?
    /// The exit status of `swift-margin run` (128 + the signal when one ended it; -1: it could not start).
    public var exitStatus: Int32
    /// The run's wall time in seconds.
    public var wallSeconds: Double
    /// When it ended (ISO 8601, UTC).
    public var finished: String
    /// Where it ran: "local" or the Dask worker's address.
    public var ranOn: String

    /// A record with all of its fields.
    public init(point: String, notebook: String, notebookSHA256: String, parameters: [String: String], seed: Int?,
                status: Status, error: String?, exitStatus: Int32, wallSeconds: Double, finished: String, ranOn: String) {
        self.point = point
        self.notebook = notebook
        self.notebookSHA256 = notebookSHA256
        self.parameters = parameters
        self.seed = seed
        self.status = status
        self.error = error
        self.exitStatus = exitStatus
        self.wallSeconds = wallSeconds
        self.finished = finished
        self.ranOn = ranOn
    }

    enum CodingKeys: String, CodingKey {
        case point, notebook, notebookSHA256 = "notebook_sha256", parameters, seed, status, error
        case exitStatus = "exit_status", wallSeconds = "wall_seconds", finished, ranOn = "ran_on"
    }

    /// The record as JSON (sorted keys, indented).
    public func encoded() throws(SweepError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        do {
            return try encoder.encode(self) + Data("\n".utf8)
        } catch {
            throw SweepError("cannot encode the run record of \(point): \(error)")
        }
    }

    /// The record in `file`, or nil when there is none or it cannot be read (a run killed
    /// before it finished leaves none; such a point runs again).
    public static func read(from file: URL) -> RunRecord? {
        guard let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONDecoder().decode(RunRecord.self, from: data)
    }
}
