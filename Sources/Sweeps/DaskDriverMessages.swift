/// The request `swift-margin sweep` writes to the Dask driver's standard input
/// (python/swift-margin-dask): where the scheduler is, what to run, and each job.
struct DaskDriverRequest: Encodable {
    /// One run: its key (the point's folder name) and its `-p` arguments.
    struct Job: Encodable {
        var key: String
        var parameters: [String]
    }

    var scheduler: String
    var executable: String
    var notebookName: String
    /// The notebook's text (the workers share no files with us).
    var notebook: String
    /// Seconds the driver waits for the scheduler.
    var connectTimeout: Int
    var jobs: [Job]

    enum CodingKeys: String, CodingKey {
        case scheduler, executable, notebook, jobs
        case notebookName = "notebook_name"
        case connectTimeout = "connect_timeout"
    }
}

/// One line the Dask driver writes on its standard output: `connected` (with the cluster's
/// threads), `finished` (a run's outcome and its files), `error` (why the driver gave up) or
/// `done`. Fields an event does not have are nil.
struct DaskDriverEvent: Decodable {
    var event: String
    /// `connected`: the threads of the cluster's workers.
    var threads: Int?
    /// `finished`: the job's key.
    var key: String?
    var exitStatus: Int?
    var seconds: Double?
    /// `finished`: the worker's address.
    var worker: String?
    /// `finished`: the run's folder on the worker.
    var directory: String?
    /// `finished`: the run's files by name, base64.
    var files: [String: String]?
    /// `finished`: what went wrong around the run, if anything.
    var problem: String?
    /// `error`: what went wrong.
    var message: String?

    enum CodingKeys: String, CodingKey {
        case event, threads, key, seconds, worker, directory, files, problem, message
        case exitStatus = "exit_status"
    }
}
