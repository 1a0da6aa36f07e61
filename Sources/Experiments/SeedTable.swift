import NotebookDisplay

/// Numbers of an experiment seed by seed: one row per seed at which every model the columns
/// name finished, a column per quantity of a model (three decimals, as every results table) or per comparison of two
/// models. Shown as HTML in a notebook and as aligned text elsewhere.
///
///     results.seedTable("Smallest training margins", [
///         .value(Quantity.trainMarginCeiling, of: "cross-entropy", label: "ceiling"),
///         .value(Quantity.trainMarginMin, of: "large-margin", label: "LM min"),
///         .larger(Quantity.trainMarginMin, "cross-entropy", or: "large-margin", label: "larger min"),
///     ])
public struct SeedTable: TableDisplay {
    /// What a column shows at each seed.
    public enum Column {
        /// `quantity` of `model`, with three decimals.
        case value(String, of: String, label: String)
        /// The name of whichever of the two models has the larger `quantity` ("tie" when equal).
        case larger(String, String, or: String, label: String)

        var label: String {
            switch self {
            case .value(_, _, let label), .larger(_, _, _, let label): label
            }
        }

        var models: [String] {
            switch self {
            case .value(_, let model, _): [model]
            case .larger(_, let first, let second, _): [first, second]
            }
        }
    }

    /// The table: the seed, then the columns.
    public let table: HTMLTable

    init(results: ExperimentResults, caption: String, columns: [Column]) {
        func value(_ quantity: String, _ model: String, _ seed: UInt64) -> Double? {
            results.values(quantity, of: model).first { $0.seed == seed }?.value
        }
        func cell(_ column: Column, _ seed: UInt64) -> String {
            switch column {
            case .value(let quantity, let model, _):
                return ResultText.fixed(value(quantity, model, seed)!, 3)
            case .larger(let quantity, let first, let second, _):
                let (a, b) = (value(quantity, first, seed)!, value(quantity, second, seed)!)
                return a == b ? "tie" : (a > b ? first : second)
            }
        }
        let models = Set(columns.flatMap(\.models))
        let finished = results.seeds.filter { seed in models.allSatisfy { value(Quantity.testAccuracy, $0, seed) != nil } }
        table = HTMLTable(
            caption: caption, header: ([HTMLTable.Cell.header("seed")] + columns.map { .header($0.label) }),
            rows: finished.map { seed in [.header("\(seed)")] + columns.map { .data(cell($0, seed)) } })
    }
}

extension ExperimentResults {
    /// The seed-by-seed table of `columns` (see `SeedTable`).
    public func seedTable(_ caption: String, _ columns: [SeedTable.Column]) -> SeedTable {
        for model in Set(columns.flatMap(\.models)) { checkModel(model) }
        return SeedTable(results: self, caption: caption, columns: columns)
    }
}
