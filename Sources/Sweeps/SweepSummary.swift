import Foundation
import SeedStatistics

/// A sweep's numbers per point and model: each numeric quantity's mean over seeds with its
/// 95% interval (Student's t), as Markdown tables (DIR/summary.md, and on the terminal) and
/// as lines against the first swept parameter (the plots).
public struct SweepSummary: Sendable {
    /// A quantity's mean and interval for one model at one point of the grid.
    public struct Entry: Sendable {
        /// The values of `keyNames` at this point.
        public var key: [String]
        /// The model.
        public var model: String
        /// The mean over seeds and its interval.
        public var interval: MeanInterval
    }

    /// One curve of a plot: a model (and the other swept parameters' values) across the first
    /// swept parameter.
    public struct Line: Sendable, Equatable {
        /// The legend entry: the model, then `name=value` of the other swept parameters.
        public var name: String
        /// The first swept parameter's values (its position when not every value is a number).
        public var xs: [Double]
        /// The means.
        public var means: [Double]
        /// The intervals' lower ends (NaN below two seeds).
        public var lowers: [Double]
        /// The intervals' upper ends.
        public var uppers: [Double]
    }

    /// The parameters that tell points apart: the swept ones, in command-line order.
    public var keyNames: [String]
    /// The quantities with a number in some row, in column order.
    public var quantities: [String]
    /// The entries of each quantity, in the grid's order, then the models' order.
    public var entries: [String: [Entry]]

    /// The summary of `table`, whose swept parameters are `sweptNames`.
    public init(table: ResultsTable, sweptNames: [String]) {
        keyNames = sweptNames
        let indices = sweptNames.compactMap { table.parameterNames.firstIndex(of: $0) }
        quantities = table.quantityNames.filter { name in table.rows.contains { $0.values[name]?.number != nil } }
        var order: [[String]] = []
        var groups: [[String]: [ResultsTable.Row]] = [:]
        for row in table.rows {
            let group = indices.map { row.parameters[$0] } + [row.model]
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(row)
        }
        var entries: [String: [Entry]] = [:]
        for quantity in quantities {
            entries[quantity] = order.compactMap { group in
                let values = groups[group]!.compactMap { $0.values[quantity]?.number }
                guard !values.isEmpty else { return nil }
                return Entry(key: Array(group.dropLast()), model: group.last!, interval: MeanInterval(values))
            }
        }
        self.entries = entries
    }

    /// `value` with four significant digits ("n/a" when not finite).
    static func formatted(_ value: Double) -> String {
        value.isFinite ? String(format: "%.4g", value) : "n/a"
    }

    /// One Markdown table per quantity: the swept parameters, the model, the number of seeds,
    /// the mean and the 95% interval.
    public func markdown() -> String {
        var lines: [String] = []
        for quantity in quantities {
            lines += ["### \(quantity)", ""]
            let header = keyNames + ["model", "seeds", "mean", "95% interval"]
            lines.append("| " + header.joined(separator: " | ") + " |")
            lines.append("|" + keyNames.map { _ in "---|" }.joined() + "---|---:|---:|---|")
            for entry in entries[quantity] ?? [] {
                let interval = entry.interval.halfWidth.isFinite
                    ? "[\(Self.formatted(entry.interval.lower)), \(Self.formatted(entry.interval.upper))]" : "n/a (one seed)"
                let cells = entry.key + [entry.model, String(entry.interval.values.count), Self.formatted(entry.interval.mean), interval]
                lines.append("| " + cells.map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// The first swept parameter's values as plot coordinates: the numbers themselves when
    /// every value is one, else positions 1, 2, ... (and the values, in order, as categories).
    public func xAxis(for quantity: String) -> (values: [String: Double], categories: [String]?) {
        let all = (entries[quantity] ?? []).compactMap(\.key.first)
        var seen: [String] = []
        for value in all where !seen.contains(value) { seen.append(value) }
        if seen.allSatisfy({ Double($0) != nil }) {
            return (Dictionary(uniqueKeysWithValues: seen.map { ($0, Double($0)!) }), nil)
        }
        return (Dictionary(uniqueKeysWithValues: seen.enumerated().map { ($1, Double($0 + 1)) }), seen)
    }

    /// The curves of `quantity` against the first swept parameter: one per model and
    /// combination of the other swept parameters (empty when nothing is swept).
    public func lines(for quantity: String) -> [Line] {
        guard !keyNames.isEmpty else { return [] }
        let (xs, _) = xAxis(for: quantity)
        var order: [String] = []
        var byName: [String: [Entry]] = [:]
        for entry in entries[quantity] ?? [] {
            let others = zip(keyNames.dropFirst(), entry.key.dropFirst()).map { "\($0)=\($1)" }
            let name = ([entry.model] + others).joined(separator: ", ")
            if byName[name] == nil { order.append(name) }
            byName[name, default: []].append(entry)
        }
        return order.map { name in
            let points = byName[name]!.sorted { xs[$0.key[0]]! < xs[$1.key[0]]! }
            return Line(name: name, xs: points.map { xs[$0.key[0]]! }, means: points.map(\.interval.mean),
                        lowers: points.map(\.interval.lower), uppers: points.map(\.interval.upper))
        }
    }
}
