import Foundation
import Sweeps
import Testing

@Suite("Sweep summaries")
struct SweepSummaryTests {
    private func row(_ x: String, _ other: String, _ model: String, _ seed: Int, _ value: Double) -> ResultsTable.Row {
        ResultsTable.Row(parameters: [x, other, "true"], seed: .integer(seed), model: model,
                         values: ["test_accuracy": .number(value), "chosen": .text("-")])
    }

    @Test("entries group seeds by point and model; lines run along the first swept parameter, one per model and other value")
    func summary() {
        let rows = [
            row("60", "l2", "a", 0, 0.8), row("60", "l2", "a", 1, 0.9), row("30", "l2", "a", 0, 0.6), row("30", "l2", "a", 1, 0.7),
            row("30", "l1", "a", 0, 0.5), row("60", "l1", "a", 0, 0.55),
        ]
        let table = ResultsTable(parameterNames: ["trainCount", "norm", "quick"], rows: rows)
        let summary = SweepSummary(table: table, sweptNames: ["trainCount", "norm"])
        #expect(summary.quantities == ["test_accuracy"])
        let entries = summary.entries["test_accuracy"]!
        #expect(entries.count == 4)
        #expect(entries[0].key == ["60", "l2"])
        #expect(abs(entries[0].interval.mean - 0.85) < 1e-12)
        let lines = summary.lines(for: "test_accuracy")
        #expect(lines.map(\.name) == ["a, norm=l2", "a, norm=l1"])
        #expect(lines[0].xs == [30, 60])
        #expect(abs(lines[0].means[0] - 0.65) < 1e-12)
        #expect(lines[1].lowers[0].isNaN)
        let markdown = summary.markdown()
        #expect(markdown.contains("| trainCount | norm | model | seeds | mean | 95% interval |"))
        #expect(markdown.contains("| 30 | l1 | a | 1 | 0.5 | n/a (one seed) |"))
    }

    @Test("values that are not numbers are placed at 1, 2, ... and named in order")
    func categories() {
        let rows = [row("l2", "x", "a", 0, 0.8), row("l1", "x", "a", 0, 0.7)]
        let summary = SweepSummary(table: ResultsTable(parameterNames: ["norm", "o", "quick"], rows: rows), sweptNames: ["norm"])
        #expect(summary.xAxis(for: "test_accuracy").categories == ["l2", "l1"])
        #expect(summary.lines(for: "test_accuracy")[0].xs == [1, 2])
    }
}
