/// One experiment per value of a swept setting (a fraction of flipped labels, a training-set
/// size), as a paper's figure of accuracy against that setting needs: the results of each
/// value, tables and curves across the values, claims at chosen values with the findings
/// they choose, and one results file.
///
///     let series = ExperimentSeries(values: [0, 0.4, 0.8], labels: ["noise 0%", "noise 40%", "noise 80%"]) { index in
///         Experiment(data: clean.withTrainingLabelNoise([0, 0.4, 0.8][index]), seeds: 0..<5, models: models)
///     }
///     series.meanTable(Quantity.testAccuracy)          // models by noise level
///     try series.save(notebook: "04-noisy-labels", parameters: ["seeds": 5])
public final class ExperimentSeries {
    /// One value of the setting and what its experiment measured.
    public struct Level {
        /// The position in the series.
        public var index: Int
        /// The setting's value (a curve's x).
        public var value: Double
        /// Its name in tables, headings and the results file ("noise 40%", "68 images").
        public var label: String
        public var results: ExperimentResults
    }

    /// The levels, in the order of the values given.
    public let levels: [Level]
    /// The sentences of the findings stated so far, nil where a verdict chose none (see `finding(for:ifAllHold:ifSomeHold:ifNoneHold:)`).
    var findingSentences: [String?] = []
    /// The primary claims' verdicts, Holm-corrected together, when `PrimaryClaims.evaluate(on:)`
    /// was called on this series (the last call's); the results file lists them under "primary".
    public internal(set) var primaryVerdicts: PrimaryVerdicts?

    /// The series of the experiments already run, one per value; labels must be distinct.
    public init(values: [Double], labels: [String], results: [ExperimentResults]) {
        guard !values.isEmpty, values.count == labels.count, labels.count == results.count else {
            fatalError("a series needs one label and one result per value, got \(values.count) values, \(labels.count) labels, \(results.count) results")
        }
        guard Set(labels).count == labels.count else { fatalError("the series' labels repeat: \(labels)") }
        levels = values.indices.map { Level(index: $0, value: values[$0], label: labels[$0], results: results[$0]) }
    }

    /// Runs `experiment(index)` for each value in turn (each spreads its runs over the cores).
    public convenience init(values: [Double], labels: [String], experiment: (Int) -> Experiment) {
        self.init(values: values, labels: labels, results: values.indices.map { experiment($0).run() })
    }

    /// The setting's values, in order.
    public var values: [Double] { levels.map(\.value) }
    /// The levels' labels, in order.
    public var labels: [String] { levels.map(\.label) }
    /// Each level's results, in order.
    public var results: [ExperimentResults] { levels.map(\.results) }
    /// The models of the first level's experiment (every level should run the same).
    public var models: [String] { levels[0].results.models }
    /// Every seed any level ran, ascending.
    public var seeds: [UInt64] { Array(Set(levels.flatMap(\.results.seeds))).sorted() }
    /// The first level.
    public var first: Level { levels[0] }
    /// The last level.
    public var last: Level { levels[levels.count - 1] }

    /// The level whose value is `value` (to within 1e-9).
    public func level(at value: Double) -> Level {
        guard let level = levels.first(where: { abs($0.value - value) <= 1e-9 }) else {
            fatalError("the series has no level at \(value); its values: \(values)")
        }
        return level
    }

    /// `model`'s mean `quantity` minus `baseline`'s at each level, paired by seed.
    public func meanDifferences(_ model: String, against baseline: String, on quantity: String) -> [Double] {
        results.map { $0.comparison(model, against: baseline, on: quantity).difference.mean }
    }

    /// Writes `NAME.results.json` with every level's models as "MODEL @ LABEL", every
    /// level's claims in order (`ExperimentResults.save(_:notebook:parameters:directory:)`),
    /// and the primary claims' verdicts when they were evaluated.
    @discardableResult
    public func save(notebook: String, parameters: KeyValuePairs<String, Any>, directory: String = ".") throws -> String {
        let parts = levels.map { (label: $0.label, results: $0.results) }
        let primary = (primaryVerdicts.map { [(label: "", verdicts: $0)] } ?? []) + ExperimentResults.primaryFamilies(of: parts)
        return try ExperimentResults.write(parts, primary: primary, notebook: notebook, parameters: parameters, directory: directory)
    }
}
