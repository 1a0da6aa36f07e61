import Foundation

/// A run for a backend to do: the point, its folder name and the temporary folder its files
/// go to (the backend leaves there the notebook, its results file, its figures and run.log).
public struct RunJob: Sendable {
    /// The grid point.
    public var point: SweepPoint
    /// Its folder name under runs/.
    public var name: String
    /// Where the run's files go while it runs.
    public var temporaryDirectory: URL

    /// A job for `point` writing into `temporaryDirectory`.
    public init(point: SweepPoint, temporaryDirectory: URL) {
        self.point = point
        self.name = point.directoryName
        self.temporaryDirectory = temporaryDirectory
    }

    /// The arguments after the executable: `run NOTEBOOK -o NAME.ipynb -q -p ...`, run in the
    /// folder where NAME.results.json is to land.
    public static func runArguments(notebookPath: String, notebookName: String, point: SweepPoint) -> [String] {
        ["run", notebookPath, "-o", "\(notebookName).ipynb", "-q"] + point.runArguments
    }
}

/// How a run ended, as a backend saw it.
public struct RunOutcome: Sendable, Equatable {
    /// The exit status of `swift-margin run` (128 + the signal that ended it; -1: it never ran).
    public var exitStatus: Int32
    /// Wall time in seconds.
    public var wallSeconds: Double
    /// "local", or the Dask worker that ran it.
    public var ranOn: String
    /// Why the run could not be done at all (it never started, the worker lost it), if so.
    public var problem: String?
    /// The folder the run wrote into on a remote worker (its error's paths are rewritten).
    public var remoteDirectory: String?

    /// An outcome with all of its fields.
    public init(exitStatus: Int32, wallSeconds: Double, ranOn: String, problem: String? = nil, remoteDirectory: String? = nil) {
        self.exitStatus = exitStatus
        self.wallSeconds = wallSeconds
        self.ranOn = ranOn
        self.problem = problem
        self.remoteDirectory = remoteDirectory
    }
}

/// What a backend reports while it runs jobs.
public enum RunEvent: Sendable {
    /// A job began.
    case started(RunJob)
    /// A job ended; its files are in its temporary folder.
    case finished(RunJob, RunOutcome)
    /// Nothing ended; a chance to redraw the progress line. `running`: jobs running now.
    case tick(running: Int)
}

/// Something that runs a sweep's jobs: local worker processes, or a Dask cluster.
public protocol RunBackend {
    /// A few words for the progress line and the records ("2 local workers").
    var label: String { get }
    /// How many runs it does at once (for the estimate of the time left).
    var capacity: Int { get }
    /// Runs `jobs`, reporting through `report` on the calling thread. Returns when every job
    /// ended, or, once `shouldStop()` is true, after stopping the running ones (which then get
    /// no `.finished` event). Throws when the backend itself fails (no Python, no scheduler).
    func run(_ jobs: [RunJob], report: (RunEvent) -> Void, shouldStop: () -> Bool) throws(SweepError)
}
