import NotebookDisplay

/// Models by the levels of a series: one number per model and level (a mean, or a mean
/// difference from a baseline), with the seeds of each level; HTML in a notebook, aligned
/// text elsewhere.
public struct SeriesTable: Sendable, Equatable, TableDisplay {
    public var caption: String
    /// The levels' labels (the columns).
    public var labels: [String]
    /// How many seeds each level finished for its first model.
    public var seedCounts: [Int]
    /// The models (the rows).
    public var models: [String]
    /// values[model][level], in the orders above.
    public var values: [[Double]]
    /// Shown with a sign ("+0.012"): differences.
    public var signed: Bool
    public var digits: Int

    public var table: HTMLTable {
        let number = { (value: Double) in signed ? ResultText.signed(value, digits) : ResultText.fixed(value, digits) }
        return HTMLTable(
            caption: caption, header: [.header("model")] + labels.map { .header($0) },
            rows: [[.header("seeds")] + seedCounts.map { .data(String($0)) }]
                + zip(models, values).map { model, row in [.header(model)] + row.map { .data(number($0)) } })
    }
}

extension ExperimentSeries {
    /// The mean of `quantity` over the seeds, for every model at every level that measured it.
    public func meanTable(_ quantity: String, digits: Int = 3) -> SeriesTable {
        let measured = levels.filter { $0.results.quantities.contains(quantity) }
        return SeriesTable(
            caption: "mean \(quantity) over the seeds", labels: measured.map(\.label),
            seedCounts: measured.map { $0.results.runs(of: models[0]).count }, models: models,
            values: models.map { model in measured.map { $0.results.interval(quantity, of: model).mean } }, signed: false,
            digits: digits)
    }

    /// Every other model's mean `quantity` minus `baseline`'s at every level, paired by seed.
    public func differenceTable(against baseline: String, on quantity: String, digits: Int = 3) -> SeriesTable {
        let others = models.filter { $0 != baseline }
        guard models.contains(baseline), !others.isEmpty else {
            fatalError("a difference table needs the baseline \"\(baseline)\" and another model; the series' models: \(models)")
        }
        return SeriesTable(
            caption: "mean \(quantity) minus \(baseline)'s, paired by seed", labels: labels,
            seedCounts: levels.map { $0.results.comparison(others[0], against: baseline, on: quantity).seeds.count },
            models: others, values: others.map { meanDifferences($0, against: baseline, on: quantity) }, signed: true,
            digits: digits)
    }
}
