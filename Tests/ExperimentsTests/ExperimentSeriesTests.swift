import Foundation
import Models
import Tensors
import Testing

@testable import Experiments

/// Results of models "a" and "b" at seeds 0 and 1 with the given test accuracies (and
/// flipped_fit, when given), built by hand instead of trained.
private func handResults(test: [String: [Double]], flippedFit: [String: [Double]]? = nil) -> ExperimentResults {
    let network: (inout SeededGenerator) -> Sequential<Float> = { Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &$0) }
    let specs = ["a", "b"].map { name in ModelSpec(name, network: network) { _ in ModelConfiguration(objective: .crossEntropy, steps: 1) } }
    let measurements = flippedFit == nil ? [] : [MeasuredQuantity("flipped_fit", higherIsBetter: false) { _, _ in 0 }]
    let experiment = Experiment(
        data: .toy(.twoMoons(noise: 0.1), trainCount: 10, validationCount: 10, testCount: 10), seeds: [0, 1], models: specs,
        measurements: measurements)
    let runs = [0, 1].flatMap { seed in
        ["a", "b"].map { model in
            var quantities = [Quantity.testAccuracy: test[model]![seed], Quantity.validationAccuracy: 0.5, Quantity.trainAccuracy: 0.5]
            if let flippedFit { quantities["flipped_fit"] = flippedFit[model]![seed] }
            return SeedResult(model: model, seed: UInt64(seed), chosen: "-", validationAccuracyByPoint: [0.5], quantities: quantities,
                              trainingMargins: nil, linearizedMargins: nil, parameters: [], state: [], steps: 1, keptStep: 1, seconds: 0)
        }
    }
    return ExperimentResults(experiment: experiment, runs: runs, failures: [], interrupted: false)
}

/// Two levels: without noise a leads b (0.85 against 0.75); at half noise b leads (0.70 against 0.65).
private func handSeries() -> ExperimentSeries {
    ExperimentSeries(values: [0, 0.5], labels: ["noise 0%", "noise 50%"], results: [
        handResults(test: ["a": [0.8, 0.9], "b": [0.7, 0.8]]),
        handResults(test: ["a": [0.6, 0.7], "b": [0.65, 0.75]], flippedFit: ["a": [0.2, 0.4], "b": [0.1, 0.3]]),
    ])
}

@Suite("Experiment series")
struct ExperimentSeriesTests {
    @Test("the mean table has each model's mean at each level that measured the quantity, with the seeds")
    func meanTable() {
        let series = handSeries()
        let test = series.meanTable(Quantity.testAccuracy)
        #expect(test.labels == ["noise 0%", "noise 50%"] && test.seedCounts == [2, 2] && test.models == ["a", "b"])
        #expect(abs(test.values[0][0] - 0.85) < 1e-12 && abs(test.values[0][1] - 0.65) < 1e-12)
        #expect(abs(test.values[1][0] - 0.75) < 1e-12 && abs(test.values[1][1] - 0.70) < 1e-12)
        #expect(test.table.rows[1].map(\.text) == ["a", "0.850", "0.650"])
        let fit = series.meanTable("flipped_fit")
        #expect(fit.labels == ["noise 50%"] && fit.values.map { $0.map { ($0 * 1000).rounded() } } == [[300], [200]])
    }

    @Test("the difference table and meanDifferences pair each model with the baseline by seed, signed")
    func differences() {
        let series = handSeries()
        let differences = series.meanDifferences("b", against: "a", on: Quantity.testAccuracy)
        #expect(abs(differences[0] + 0.1) < 1e-12 && abs(differences[1] - 0.05) < 1e-12)
        let table = series.differenceTable(against: "a", on: Quantity.testAccuracy)
        #expect(table.models == ["b"])
        #expect(table.table.rows[1].map(\.text) == ["b", "-0.100", "+0.050"])
        #expect(table.description.hasPrefix("mean test_accuracy minus a's, paired by seed"))
    }

    @Test("a claim over levels is kept at each level and chooses one sentence: everywhere, in part or nowhere")
    func claimsAndFindings() throws {
        let series = handSeries()
        let notBelow = { (_: ExperimentSeries.Level) in ClaimTest.meanNotWorse("b", than: "a", on: Quantity.testAccuracy, tolerance: 0) }
        let partial = series.claim(at: series.levels, { "b not below a at \($0.label)" }, notBelow, ifHolds: "everywhere", partly: "in part", otherwise: "nowhere")
        #expect(partial.map(\.holds) == [false, true])
        series.claim(at: series.levels, { "again at \($0.label)" }, notBelow, ifHolds: "everywhere", otherwise: "not everywhere")
        series.claim(at: [series.first], { "b at \($0.label)" }, notBelow, ifHolds: "held", partly: "in part", otherwise: "nowhere")
        let single = series.claim(at: series.last, "b at least 0.7", .meanAtLeast("b", on: Quantity.testAccuracy, value: 0.7),
                                  ifHolds: "b reached 0.7.", otherwise: "b fell short.")
        #expect(single.holds)
        series.finding(for: [], ifAllHold: "never shown", ifNoneHold: "never shown")
        series.finding(for: partial, ifAllHold: "all", ifSomeHold: nil, ifNoneHold: "none")
        #expect(series.first.results.claims.map(\.text) == ["b not below a at noise 0%", "again at noise 0%", "b at noise 0%"])
        #expect(series.last.results.claims.map(\.text) == ["b not below a at noise 50%", "again at noise 50%", "b at least 0.7"])
        let findings = series.findings
        #expect(findings.sentences == ["in part", "not everywhere", "nowhere", "b reached 0.7."])
        #expect(findings.tally == "3 of 6 claims hold on seeds 0 to 1.")
        #expect(series.claims.count == 6)
        #expect(series.claimsReport.description.hasPrefix("== noise 0% ==\ndoes not hold: b not below a at noise 0%"))
    }

    @Test("the level report shows each level's tables, leaving out what a level did not measure")
    func levelReport() {
        let report = handSeries().levelReport([Quantity.testAccuracy, "flipped_fit"], against: "a", comparing: [Quantity.testAccuracy, "flipped_fit"])
        #expect(report.sections.map(\.heading) == ["noise 0%, 2 seeds", "noise 50%, 2 seeds"])
        #expect(!report.sections[0].parts[0].description.contains("flipped_fit"))
        #expect(report.sections[1].parts[0].description.contains("flipped_fit"))
        #expect(report.displayBundle.data["text/html"]?.contains("<h4>noise 50%, 2 seeds</h4>") == true)
    }

    @Test("a paper's numbers sit beside the run's mean or paired difference at their level, or 'not run'")
    func besidePaper() {
        let table = handSeries().besidePaper([
            PaperValue("no noise, a", 0.9, model: "a", at: 0),
            PaperValue("half noise, b minus a", 0.02, model: "b", minus: "a", at: 0.5),
            PaperValue("all noise, a", 0.1, model: "a", at: 1),
        ], on: Quantity.testAccuracy, paperHeading: "paper (MNIST)")
        #expect(table.rows.map(\.paper) == ["0.900", "+0.020", "0.100"])
        #expect(table.rows.map(\.run) == ["0.850 (noise 0%)", "+0.050 (noise 50%)", "not run"])
        #expect(table.table.header.map(\.text) == ["", "paper (MNIST)", "this run"])
    }

    @Test("the results file lists every level's models under their labels and the claims level by level")
    func save() throws {
        let series = handSeries()
        series.claim(at: series.last, "late", .meanAtLeast("a", on: Quantity.testAccuracy, value: 0))
        series.claim(at: series.first, "early", .meanAtLeast("a", on: Quantity.testAccuracy, value: 0))
        let directory = NSTemporaryDirectory() + "series-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try series.save(notebook: "nb", parameters: ["x": 1], directory: directory)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let models = try #require(json["models"] as? [String: [String: Any]])
        #expect(Set(models.keys) == ["a @ noise 0%", "b @ noise 0%", "a @ noise 50%", "b @ noise 50%"])
        #expect(models["b @ noise 50%"]?["flipped_fit"] as? [Double] == [0.1, 0.3])
        let claims = try #require(json["claims"] as? [[String: Any]])
        #expect(claims.map { $0["claim"] as? String } == ["early", "late"])
        #expect(series.level(at: 0.5).label == "noise 50%" && series.seeds == [0, 1])
    }
}
