import NotebookDisplay

/// A number a paper reports, and where in a series this run measured the same thing: a
/// model's mean at a level of the swept setting, or its mean difference from a baseline.
///
///     PaperValue("80% noise, cross-entropy", 0.939, model: "cross-entropy", at: 0.8)
///     PaperValue("68 images, l-inf margin minus cross-entropy", 0.037, model: "large margin l-inf, all layers",
///                minus: "cross-entropy", at: 68)
public struct PaperValue: Sendable, Equatable {
    /// What the number is, in words.
    public var what: String
    /// The paper's number.
    public var paper: Double
    public var model: String
    /// With a baseline, the number is `model`'s mean minus the baseline's, paired by seed.
    public var baseline: String?
    /// The setting's value of the level it belongs to.
    public var value: Double

    /// A paper's number `paper` for `model` (minus `baseline`'s, when given) at the level `value`.
    public init(_ what: String, _ paper: Double, model: String, minus baseline: String? = nil, at value: Double) {
        self.what = what
        self.paper = paper
        self.model = model
        self.baseline = baseline
        self.value = value
    }
}

/// A paper's numbers beside this run's: one row per `PaperValue` ("not run" where the
/// series has no such level).
public struct PaperValueTable: Sendable, Equatable, TableDisplay {
    public var caption: String
    /// The paper's column and this run's column headings.
    public var paperHeading: String
    public var runHeading: String
    /// (what, paper's number, this run's), formatted.
    public var rows: [(what: String, paper: String, run: String)]

    public var table: HTMLTable {
        HTMLTable(
            caption: caption, header: [.header(""), .header(paperHeading), .header(runHeading)],
            rows: rows.map { [.header($0.what), .data($0.paper), .data($0.run)] })
    }

    public static func == (lhs: PaperValueTable, rhs: PaperValueTable) -> Bool {
        lhs.caption == rhs.caption && lhs.paperHeading == rhs.paperHeading && lhs.runHeading == rhs.runHeading
            && lhs.rows.map(\.what) == rhs.rows.map(\.what) && lhs.rows.map(\.paper) == rhs.rows.map(\.paper)
            && lhs.rows.map(\.run) == rhs.rows.map(\.run)
    }
}

extension ExperimentSeries {
    /// `values` beside this run's mean `quantity` (or mean difference, paired by seed) at
    /// their levels, three decimals, differences signed.
    public func besidePaper(
        _ values: [PaperValue], on quantity: String, paperHeading: String = "paper", runHeading: String = "this run"
    ) -> PaperValueTable {
        PaperValueTable(
            caption: "the paper's numbers beside this run's mean \(quantity)", paperHeading: paperHeading, runHeading: runHeading,
            rows: values.map { entry in
                let format = { (value: Double) in entry.baseline == nil ? ResultText.fixed(value, 3) : ResultText.signed(value, 3) }
                guard let level = levels.first(where: { abs($0.value - entry.value) <= 1e-9 }) else {
                    return (entry.what, format(entry.paper), "not run")
                }
                let measured = entry.baseline.map { level.results.comparison(entry.model, against: $0, on: quantity).difference.mean }
                    ?? level.results.interval(quantity, of: entry.model).mean
                return (entry.what, format(entry.paper), "\(format(measured)) (\(level.label))")
            })
    }
}
