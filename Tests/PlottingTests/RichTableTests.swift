import Attacks
@testable import Models
import NotebookDisplay
@testable import MarginFigures
@testable import Plotting
import Tensors
import Testing

@Suite("Rich tables")
struct RichTableTests {
    @Test("HTML escapes <, &, > and quotes")
    func escaping() {
        #expect(HTML.escaped("a<b & c>\"d'") == "a&lt;b &amp; c&gt;&quot;d&#39;")
        let table = HTMLTable(caption: "x < y", header: [.header("a&b")], rows: [[.data("<script>")]])
        #expect(table.html.contains("<caption>x &lt; y</caption>"))
        #expect(table.html.contains("<th>a&amp;b</th>"))
        #expect(table.html.contains("<td>&lt;script&gt;</td>"))
        #expect(!table.html.contains("<script>"))
    }

    @Test("a small matrix shows every element with numbered rows and columns and a shape caption")
    func smallMatrix() throws {
        let bundle = DisplayBundle.of(Tensor<Float>([[1, 2.5, -3], [0.125, 1e-6, 4]]))
        let html = try #require(bundle.data["text/html"])
        #expect(html.contains("<caption>Tensor&lt;Float32&gt; shape [2, 3]</caption>"))
        #expect(html.contains("<thead><tr><th></th><th>0</th><th>1</th><th>2</th></tr></thead>"))
        #expect(html.contains("<tr><th>0</th><td>1.</td><td>2.5</td><td>-3.</td></tr>"))
        #expect(html.contains("<tr><th>1</th><td>0.125</td><td>1.0000e-06</td><td>4.</td></tr>"))
        #expect(bundle.data["text/plain"] == Tensor<Float>([[1, 2.5, -3], [0.125, 1e-6, 4]]).description)
    }

    @Test("a large matrix shows its first and last 5 rows and columns around ellipses")
    func largeMatrix() throws {
        let tensor = Tensor<Double>(shape: [100, 30], scalars: (0..<3000).map(Double.init))
        let table = try #require(tensor.htmlTable)
        #expect(table.header.map(\.text) == ["", "0", "1", "2", "3", "4", "…", "25", "26", "27", "28", "29"])
        #expect(table.rows.count == 11)
        #expect(table.rows[0].map(\.text) == ["0", "0.", "1.", "2.", "3.", "4.", "…", "25.", "26.", "27.", "28.", "29."])
        #expect(table.rows[5].allSatisfy { $0.text == "⋮" })
        #expect(table.rows[10].first?.text == "99")
        #expect(table.rows[10].last?.text == "2999.")
        #expect(!table.html.contains("<td>1000.</td>"))
    }

    @Test("vectors are one row, scalars one cell, higher ranks text only")
    func otherRanks() throws {
        let vector = try #require(Tensor<Float>([1, 2, 3]).htmlTable)
        #expect(vector.rows.map { $0.map(\.text) } == [["", "1.", "2.", "3."]])
        let scalar = try #require(Tensor<Float>(7).htmlTable)
        #expect(scalar.rows.map { $0.map(\.text) } == [["7."]])
        let cube = Tensor<Float>(zeros: [2, 2, 2])
        #expect(cube.displayBundle.data["text/html"] == nil)
        #expect(cube.displayBundle.data["text/plain"] == cube.description)
    }

    @Test("a training history shows its summary and the evaluations table")
    func trainingHistory() throws {
        var history = TrainingHistory()
        history.losses = [0.7, 0.3, 0.002959]
        history.evaluations = [
            Evaluation(step: 2, trainingAccuracy: 0.5, testAccuracy: 0.45),
            Evaluation(step: 3, trainingAccuracy: 1, testAccuracy: 0.968),
        ]
        history.wallSeconds = 0.5
        let bundle = history.displayBundle
        let text = try #require(bundle.data["text/plain"])
        #expect(text == """
            TrainingHistory: 3 steps, final loss 0.002959, 0.5 s (6 steps/s)
              step  train acc  test acc
              2     0.5000     0.4500
              3     1.0000     0.9680
            """)
        let html = try #require(bundle.data["text/html"])
        #expect(html.contains("<thead><tr><th>step</th><th>train acc</th><th>test acc</th></tr></thead>"))
        #expect(html.contains("<tr><td>3</td><td>1.0000</td><td>0.9680</td></tr>"))
    }

    @Test("many evaluations show the first and last 10")
    func longHistory() {
        var history = TrainingHistory()
        history.losses = Array(repeating: 1, count: 100)
        history.evaluations = (1...50).map { Evaluation(step: $0 * 2, trainingAccuracy: 0.5, testAccuracy: nil) }
        history.stoppedEarly = true
        let table = history.evaluationTable
        #expect(table.header.map(\.text) == ["step", "train acc"])
        #expect(table.rows.count == 21)
        #expect(table.rows[10].map(\.text) == ["…", "…"])
        #expect(table.rows[20].first?.text == "100")
        #expect(history.summary == "TrainingHistory: 100 steps, final loss 1, stopped early")
    }

    @Test("a robustness table has a row per epsilon and a column per model, escaped")
    func robustnessTable() throws {
        let a = RobustAccuracy(attack: .fgsm(epsilon: 0), setting: .whiteBox, points: [
            .init(epsilon: 0, accuracy: 0.985), .init(epsilon: 0.1, accuracy: 0.812),
        ])
        let b = RobustAccuracy(attack: .fgsm(epsilon: 0), setting: .whiteBox, points: [
            .init(epsilon: 0, accuracy: 0.986), .init(epsilon: 0.2, accuracy: 0.5),
        ])
        let table = RobustnessTable(["cross-entropy": a, "margin <γ=1> & co": b])
        #expect(table.description == """
            white-box accuracy under \(a.attack.name)
              epsilon  cross-entropy  margin <γ=1> & co
              0        0.9850         0.9860
              0.1      0.8120         –
              0.2      –              0.5000
            """)
        let html = try #require(table.displayBundle.data["text/html"])
        #expect(html.contains("<th>margin &lt;γ=1&gt; &amp; co</th>"))
        #expect(html.contains("<tr><td>0.1</td><td>0.8120</td><td>–</td></tr>"))
        let transfer = RobustAccuracy(attack: .fgsm(epsilon: 0), setting: .blackBox, points: [.init(epsilon: 0, accuracy: 1)])
        let mixed = RobustnessTable(names: ["white", "black"], curves: [a, transfer])
        #expect(mixed.heading == "accuracy under attack")
        #expect(mixed.table.header.map(\.text) == [
            "epsilon", "white (white-box accuracy under \(a.attack.name))", "black (black-box accuracy under \(a.attack.name))",
        ])
        let single = try #require(a.displayBundle.data["text/html"])
        #expect(single.contains("<tr><td>0.1</td><td>0.8120</td></tr>"))
        #expect(a.displayBundle.data["text/plain"] == a.description)
    }
}
