import Models
import NotebookDisplay

extension TrainingHistory: RichDisplayable {
    /// A summary line (steps, final loss, time, an early stop) and the evaluations as a
    /// table of step, training accuracy and test accuracy, in HTML and as text. More than
    /// 20 evaluations show the first and last 10.
    public var displayBundle: DisplayBundle {
        let table = evaluationTable
        let text = ([summaryLine] + (evaluations.isEmpty ? [] : table.textLines)).joined(separator: "\n")
        let html = "<div>\(HTML.escaped(summaryLine))</div>" + (evaluations.isEmpty ? "" : "\n" + table.html)
        return DisplayBundle(plainText: text, ["text/html": html])
    }

    /// "TrainingHistory: 10000 steps, final loss 0.002959, 2.29 s (4369 steps/s)".
    var summaryLine: String {
        var line = "TrainingHistory: \(steps) steps"
        if let last = losses.last { line += ", final loss \(ScalarText.significant(last))" }
        if wallSeconds > 0 {
            line += ", \(ScalarText.significant(wallSeconds, digits: 3)) s"
            if steps > 0 { line += " (\(Int((Double(steps) / wallSeconds).rounded())) steps/s)" }
        }
        if stoppedEarly { line += ", stopped early" }
        return line
    }

    /// The evaluations, one row each (the test column only when some evaluation has one).
    var evaluationTable: HTMLTable {
        let hasTest = evaluations.contains { $0.testAccuracy != nil }
        let header: [HTMLTable.Cell] = [.header("step"), .header("train acc")] + (hasTest ? [.header("test acc")] : [])
        let shown = ElidedAxis(count: evaluations.count, elide: true, edgeItems: 10)
        var rows: [[HTMLTable.Cell]] = shown.indices.map { index in
            let evaluation = evaluations[index]
            let test: [HTMLTable.Cell] = hasTest ? [.data(evaluation.testAccuracy.map(ScalarText.fraction) ?? "–")] : []
            return [.data(String(evaluation.step)), .data(ScalarText.fraction(evaluation.trainingAccuracy))] + test
        }
        if let gap = shown.gap { rows.insert([HTMLTable.Cell](repeating: .data("…"), count: header.count), at: gap) }
        return HTMLTable(caption: nil, header: header, rows: rows)
    }
}
