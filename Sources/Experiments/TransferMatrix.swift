import NotebookDisplay
import SeedStatistics

/// How well adversarial examples transfer: a row per source (a robustness curve crafted on a
/// `BlackBoxSource`, or a white-box curve as the reference), a column per target model, each
/// cell the target's accuracy on the examples at one epsilon, as the mean over its seeds with
/// the 95% confidence half-width ("0.412 ± 0.031"). A low cell is a source whose examples
/// transfer to that target; a target that only holds against one kind of source is robust to
/// that source, not to the ball.
///
///     results.transferMatrix(sources: [("cross-entropy", "transfer_cross_entropy"), ("large margin l-inf", "transfer_linf")],
///                            epsilon: 0.1)
public struct TransferMatrix: Sendable, Equatable, TableDisplay {
    /// The rows: the sources' names.
    public var sources: [String]
    /// The columns: the target models.
    public var targets: [String]
    /// The attack size of every cell.
    public var epsilon: Double
    /// intervals[source][target]: the target's accuracy over its seeds.
    public var intervals: [[MeanInterval]]
    /// Decimals shown.
    public var digits: Int

    /// A matrix of `intervals`, one row per source and one column per target.
    public init(sources: [String], targets: [String], epsilon: Double, intervals: [[MeanInterval]], digits: Int = 3) {
        guard intervals.count == sources.count, intervals.allSatisfy({ $0.count == targets.count }) else {
            fatalError("a transfer matrix needs one row per source and one cell per target in every row")
        }
        self.sources = sources
        self.targets = targets
        self.epsilon = epsilon
        self.intervals = intervals
        self.digits = digits
    }

    /// The mean accuracy of `target` on the examples of `source`.
    public func mean(source: String, target: String) -> Double {
        guard let row = sources.firstIndex(of: source), let column = targets.firstIndex(of: target) else {
            fatalError("the transfer matrix has no cell (\(source), \(target)); sources \(sources), targets \(targets)")
        }
        return intervals[row][column].mean
    }

    public var table: HTMLTable {
        let seedCounts = Set(intervals.flatMap { $0.map(\.count) })
        let seeds = seedCounts.count == 1 ? "\(seedCounts.first!) seeds" : "each target's finished seeds"
        return HTMLTable(
            caption: "accuracy of each target (column) on examples crafted on each source (row) at epsilon \(ResultText.number(epsilon)), "
                + "mean ± 95% confidence half-width over \(seeds)",
            header: [.header("source \\ target")] + targets.map { .header($0) },
            rows: zip(sources, intervals).map { source, row in
                [.header(source)] + row.map { .data(SummaryTable.text($0, digits: digits)) }
            })
    }
}

extension ExperimentResults {
    /// The transfer matrix at `epsilon`: a row per (source name, robustness curve), a column
    /// per target model (all of them by default); see `TransferMatrix`.
    public func transferMatrix(
        sources: [(name: String, curve: String)], epsilon: Double, targets: [String]? = nil, digits: Int = 3
    ) -> TransferMatrix {
        let columns = targets ?? models
        return TransferMatrix(
            sources: sources.map(\.name), targets: columns, epsilon: epsilon,
            intervals: sources.map { source in
                columns.map { interval(Quantity.robustAccuracy(source.curve, epsilon: epsilon), of: $0) }
            }, digits: digits)
    }
}
