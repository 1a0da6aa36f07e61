import Plotting
import Models
import NotebookDisplay

extension TrainingHistory: RichDisplayable {
    /// A summary line (steps, final loss, time, an early stop) and the evaluations as a
    /// table of step, training accuracy and test accuracy, in HTML and as text. More than
    /// 20 evaluations show the first and last 10.
    public var displayBundle: DisplayBundle {
        let table = evaluationTable
        let text = ([summary] + (evaluations.isEmpty ? [] : table.textLines)).joined(separator: "\n")
        let html = "<div>\(HTML.escaped(summary))</div>" + (evaluations.isEmpty ? "" : "\n" + table.html)
        return DisplayBundle(plainText: text, ["text/html": html])
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
