import NotebookDisplay
import SeedStatistics

/// Mean and 95% interval of each quantity for each model, over the seeds each finished:
/// "0.9680 ± 0.0041" (the interval's half-width), shown as HTML in a notebook and as
/// aligned text in a terminal.
public struct SummaryTable: Sendable, Equatable, TableDisplay {
    public var quantities: [String]
    public var models: [String]
    /// intervals[model][quantity], in the orders above.
    public var intervals: [[MeanInterval]]
    /// Decimals shown.
    public var digits: Int

    public var table: HTMLTable {
        let seedCounts = Set(intervals.flatMap { $0.map(\.count) })
        let seeds = seedCounts.count == 1 ? "\(seedCounts.first!) seeds" : "each model's finished seeds"
        return HTMLTable(
            caption: "mean ± 95% confidence half-width over \(seeds)",
            header: [.header("model")] + quantities.map { .header($0) },
            rows: zip(models, intervals).map { model, row in
                [.header(model)] + row.map { .data(Self.text($0, digits: digits)) }
            })
    }

    static func text(_ interval: MeanInterval, digits: Int) -> String {
        interval.halfWidth.isFinite
            ? "\(ResultText.fixed(interval.mean, digits)) ± \(ResultText.fixed(interval.halfWidth, digits))"
            : ResultText.fixed(interval.mean, digits)
    }

}

/// Models against a baseline, paired by seed, on each quantity: mean difference with its 95%
/// interval, wins / losses / ties over seeds, and the paired t-test's p-value.
public struct ComparisonTable: Sendable, Equatable, TableDisplay {
    public var baseline: String
    public var comparisons: [PairedComparison]
    public var digits: Int

    public var table: HTMLTable {
        HTMLTable(
            caption: "against \(baseline), paired by seed (wins count the better direction of each quantity)",
            header: ["model", "quantity", "mean difference", "95% CI", "wins / losses / ties", "paired t p"].map { .header($0) },
            rows: comparisons.map { c in
                [.header(c.model), .data(c.quantity), .data(ResultText.signed(c.difference.mean, digits)),
                 .data("[\(ResultText.fixed(c.difference.lower, digits)), \(ResultText.fixed(c.difference.upper, digits))]"),
                 .data("\(c.wins) / \(c.losses) / \(c.ties)"), .data(ResultText.pValue(c.pValue))]
            })
    }

}

/// Which grid point validation chose for each model, and at how many seeds.
public struct ChoiceTable: Sendable, Equatable, TableDisplay {
    /// (model, chosen point, seeds that chose it), most chosen first within a model.
    public var rows: [(model: String, point: String, seeds: Int)]

    public var table: HTMLTable {
        HTMLTable(
            caption: "hyper-parameters chosen on the validation set",
            header: ["model", "chosen", "seeds"].map { .header($0) },
            rows: rows.map { [.header($0.model), .data($0.point), .data(String($0.seeds))] })
    }


    public static func == (lhs: ChoiceTable, rhs: ChoiceTable) -> Bool {
        lhs.rows.map(\.model) == rhs.rows.map(\.model) && lhs.rows.map(\.point) == rhs.rows.map(\.point)
            && lhs.rows.map(\.seeds) == rhs.rows.map(\.seeds)
    }
}

/// A result shown as one table: its caption and aligned columns as text, the table as HTML.
public protocol TableDisplay: CustomStringConvertible, RichDisplayable {
    /// The table shown.
    var table: HTMLTable { get }
}

extension TableDisplay {
    public var description: String { ([table.caption ?? ""] + table.textLines).joined(separator: "\n") }
    public var displayBundle: DisplayBundle { DisplayBundle(plainText: description, ["text/html": table.html]) }
}

/// Every claim stated on a run, with its verdict and numbers.
public struct ClaimsTable: Sendable, Equatable, CustomStringConvertible, RichDisplayable {
    public var claims: [Claim]

    public var description: String { claims.map(\.description).joined(separator: "\n") }
    public var displayBundle: DisplayBundle {
        DisplayBundle(plainText: description, ["text/html": claims.map { $0.displayBundle.data["text/html"]! }.joined(separator: "\n")])
    }
}

extension ExperimentResults {
    /// Mean and 95% interval of `quantities` (default: all) for every model.
    public func summary(_ quantities: [String]? = nil, digits: Int = 4) -> SummaryTable {
        let chosen = quantities ?? self.quantities
        chosen.forEach(checkQuantity)
        return SummaryTable(
            quantities: chosen, models: models, intervals: models.map { model in chosen.map { interval($0, of: model) } },
            digits: digits)
    }

    /// `models` (default: every other model) against `baseline` on `quantities` (default:
    /// all), paired by seed.
    public func compare(
        against baseline: String, models compared: [String]? = nil, on quantities: [String]? = nil, digits: Int = 4
    ) -> ComparisonTable {
        checkModel(baseline)
        (compared ?? []).forEach(checkModel)
        let chosen = quantities ?? self.quantities
        return ComparisonTable(
            baseline: baseline,
            comparisons: (compared ?? models.filter { $0 != baseline }).flatMap { model in
                chosen.map { comparison(model, against: baseline, on: $0) }
            },
            digits: digits)
    }

    /// Which grid point each model chose, and how often.
    public var choices: ChoiceTable {
        ChoiceTable(rows: models.flatMap { model -> [(model: String, point: String, seeds: Int)] in
            let chosen = runs(of: model).map(\.chosen)
            let distinct = chosen.reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            let counted = distinct.enumerated().map { order, point in (order: order, seeds: chosen.filter { $0 == point }.count, point: point) }
            return counted.sorted { ($1.seeds, $0.order) < ($0.seeds, $1.order) }.map { (model, $0.point, $0.seeds) }
        })
    }

    /// The claims stated so far, as one display.
    public var claimsTable: ClaimsTable { ClaimsTable(claims: claims) }
}
