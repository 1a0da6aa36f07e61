/// Whether a rerun of a sweep runs a point again, and why: a point is skipped only when its
/// record says it succeeded with the same notebook (content hash) and the same parameters,
/// and its results file is there. A failed point runs again (its failure may have been
/// the machine's), as does a point whose notebook or parameters changed.
public enum ResumeDecision: Equatable, Sendable {
    /// Finished before with this notebook and these parameters: keep it.
    case skip
    /// Run it, for this reason ("new", "failed before", "notebook changed", ...).
    case run(reason: String)

    /// The decision for a point given its record (nil: none), the notebook's current hash,
    /// the point's parameters and whether its results file exists.
    ///
    ///     ResumeDecision(record: nil, notebookSHA256: h, parameters: p, resultsFileExists: false)   // .run(reason: "new")
    public init(record: RunRecord?, notebookSHA256: String, parameters: [String: String], resultsFileExists: Bool) {
        guard let record else {
            self = .run(reason: "new")
            return
        }
        if record.notebookSHA256 != notebookSHA256 {
            self = .run(reason: "notebook changed")
        } else if record.parameters != parameters {
            self = .run(reason: "parameters changed")
        } else if record.status == .failed {
            self = .run(reason: "failed before")
        } else if !resultsFileExists {
            self = .run(reason: "results file missing")
        } else {
            self = .skip
        }
    }
}
