import Foundation
import MarginTestSupport
import Models
import Tensors
import Testing

@testable import Experiments

/// Hand-made values at seeds 0 to 4, chosen so the tests' numbers are known by hand (and
/// from SciPy's ttest_1samp): a - b on test_accuracy is [0.02, 0.01, 0.03, -0.01, 0.02]
/// (mean 0.014, s = sqrt(0.00023)); "error" is 1 - test_accuracy, lower is better;
/// "robust" is small for b.
private let handValues: [String: [String: [Double]]] = [
    "a": [Quantity.testAccuracy: [0.80, 0.82, 0.81, 0.83, 0.84], "robust": [0.30, 0.35, 0.32, 0.31, 0.33]],
    "b": [Quantity.testAccuracy: [0.78, 0.81, 0.78, 0.84, 0.82], "robust": [0.01, 0.02, 0.00, 0.03, 0.01]],
]

/// Results of models "a" and "b" at seeds 0 to 4 from `values` (model -> quantity -> per seed),
/// built by hand instead of trained; "error" is 1 - test_accuracy, lower is better.
private func primaryHandResults(_ values: [String: [String: [Double]]] = handValues) -> ExperimentResults {
    let network: (inout SeededGenerator) -> Sequential<Float> = { Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &$0) }
    let specs = ["a", "b"].map { name in ModelSpec(name, network: network) { _ in ModelConfiguration(objective: .crossEntropy, steps: 1) } }
    let measurements = [MeasuredQuantity("error", higherIsBetter: false) { _, _ in 0 }, MeasuredQuantity("robust") { _, _ in 0 }]
    let experiment = Experiment(
        data: .toy(.twoMoons(noise: 0.1), trainCount: 10, validationCount: 10, testCount: 10), seeds: 0..<5, models: specs,
        measurements: measurements)
    let runs = (0..<5).flatMap { seed in
        ["a", "b"].map { model in
            let accuracy = values[model]![Quantity.testAccuracy]![seed]
            let quantities = [Quantity.testAccuracy: accuracy, Quantity.validationAccuracy: 0.5, Quantity.trainAccuracy: 0.5,
                              "error": 1 - accuracy, "robust": values[model]!["robust"]![seed]]
            return SeedResult(model: model, seed: UInt64(seed), chosen: "-", validationAccuracyByPoint: [0.5], quantities: quantities,
                              trainingMargins: nil, linearizedMargins: nil, parameters: [], state: [], steps: 1, keptStep: 1, seconds: 0)
        }
    }
    return ExperimentResults(experiment: experiment, runs: runs, failures: [], interrupted: false)
}

/// Two levels: "clean" with the hand values, "noisy" with a and b swapped (b now leads).
private func primaryHandSeries() -> ExperimentSeries {
    ExperimentSeries(values: [0, 0.8], labels: ["clean", "noisy"], results: [
        primaryHandResults(), primaryHandResults(["a": handValues["b"]!, "b": handValues["a"]!]),
    ])
}

/// t(0.975, 4) s / sqrt(5) for s = sqrt(0.00023): the half-width of the a - b interval.
private let handHalfWidth = 2.7764451051977934 * 0.00023.squareRoot() / 5.0.squareRoot()

private func near(_ value: Double, _ expected: Double, _ tolerance: Double = 1e-9) -> Bool { abs(value - expected) <= tolerance }

@Suite("Primary claims")
struct PrimaryClaimsTests {
    @Test("superiority, non-inferiority and a gap: the paired effect, its interval and one-sided p, computed by hand")
    func pairedTests() {
        let results = primaryHandResults()
        var primary = PrimaryClaims(alpha: 0.05)
        primary.declare("a beats b", .better("a", than: "b", on: Quantity.testAccuracy))
        primary.declare("a not worse than b by 0.01", .notWorse("a", than: "b", on: Quantity.testAccuracy, margin: 0.01))
        primary.declare("a beats b by more than 0.005", .betterBy("a", than: "b", on: Quantity.testAccuracy, atLeast: 0.005))
        let verdicts = primary.evaluate(on: results).verdicts
        for verdict in verdicts {
            #expect(near(verdict.evaluation.effect.mean, 0.014))
            #expect(near(verdict.evaluation.effect.lower, 0.014 - handHalfWidth))
            #expect(near(verdict.evaluation.effect.upper, 0.014 + handHalfWidth))
            #expect(verdict.evaluation.seeds == [0, 1, 2, 3, 4])
        }
        // SciPy: ttest_1samp(d, m, alternative="greater") for m = 0, -0.01, 0.005.
        #expect(near(verdicts[0].evaluation.pValue, 0.05396941114613827))
        #expect(near(verdicts[1].evaluation.pValue, 0.012021764399686889))
        #expect(near(verdicts[2].evaluation.pValue, 0.12759807351179536))
        // Holm over 3: 0.0120 x 3, then max(0.0540 x 2, previous), then max(0.1276, previous).
        #expect(near(verdicts[1].holmPValue, 3 * 0.012021764399686889))
        #expect(near(verdicts[0].holmPValue, 2 * 0.05396941114613827))
        #expect(near(verdicts[2].holmPValue, 0.12759807351179536))
        #expect(verdicts.map(\.holds) == [false, true, false])
    }

    @Test("a lower-is-better quantity is oriented so a positive effect means the model is better")
    func orientation() {
        let results = primaryHandResults()
        var primary = PrimaryClaims()
        primary.declare("a errs less than b", .better("a", than: "b", on: "error"))
        primary.declare("b errs less than a", .better("b", than: "a", on: "error"))
        let verdicts = primary.evaluate(on: results).verdicts
        #expect(near(verdicts[0].evaluation.effect.mean, 0.014))
        #expect(near(verdicts[0].evaluation.pValue, 0.05396941114613827))
        #expect(near(verdicts[1].evaluation.effect.mean, -0.014))
        #expect(near(verdicts[1].evaluation.pValue, 0.9460305888538615))
    }

    @Test("a one-sample claim: the mean with its interval, and the one-sided p against the bound")
    func oneSample() {
        let results = primaryHandResults()
        var primary = PrimaryClaims()
        primary.declare("b's robust accuracy is below 0.05", .atMost("b", on: "robust", value: 0.05))
        primary.declare("a's test accuracy is above 0.9", .atLeast("a", on: Quantity.testAccuracy, value: 0.9))
        let verdicts = primary.evaluate(on: results).verdicts
        let robust = MeanInterval([0.01, 0.02, 0.00, 0.03, 0.01])
        #expect(near(verdicts[0].evaluation.effect.mean, 0.014) && near(verdicts[0].evaluation.effect.lower, robust.lower))
        #expect(near(verdicts[0].evaluation.pValue, 0.0010614415269197335))    // SciPy, alternative="less"
        #expect(near(verdicts[1].evaluation.pValue, 0.9998260542797147))       // SciPy, alternative="greater"
        #expect(near(verdicts[0].holmPValue, 2 * 0.0010614415269197335))
        #expect(verdicts.map(\.holds) == [true, false])
    }

    @Test("Holm's correction flips a verdict: p 0.012 holds alone but not as the smallest of five")
    func holmFlips() {
        let alone = { () -> PrimaryClaims in
            var primary = PrimaryClaims()
            primary.declare("a not worse than b by 0.01", .notWorse("a", than: "b", on: Quantity.testAccuracy, margin: 0.01))
            return primary
        }()
        let single = alone.evaluate(on: primaryHandResults())
        #expect(single.verdicts[0].holds && near(single.verdicts[0].holmPValue, 0.012021764399686889))
        var family = alone
        family.declare("a beats b", .better("a", than: "b", on: Quantity.testAccuracy))
        family.declare("a beats b by more than 0.005", .betterBy("a", than: "b", on: Quantity.testAccuracy, atLeast: 0.005))
        family.declare("a above 0.9", .atLeast("a", on: Quantity.testAccuracy, value: 0.9))
        family.declare("b beats a", .better("b", than: "a", on: Quantity.testAccuracy))
        let five = family.evaluate(on: primaryHandResults())
        #expect(near(five.verdicts[0].evaluation.pValue, 0.012021764399686889))
        #expect(near(five.verdicts[0].holmPValue, 5 * 0.012021764399686889))
        #expect(five.verdicts.map(\.holds) == [false, false, false, false, false])
        #expect(five.findings.tally == "0 of 5 primary claims hold (Holm, alpha 0.05) on seeds 0 to 4.")
    }

    @Test("a series: each claim at its level, the table and the findings the verdicts chose")
    func series() {
        let series = primaryHandSeries()
        var primary = PrimaryClaims(alpha: 0.05)
        primary.declare("On clean labels a is not worse than b by 0.01", .notWorse("a", than: "b", on: Quantity.testAccuracy, margin: 0.01),
                        at: "clean", ifHolds: "a kept up on clean labels.", otherwise: "a fell behind on clean labels.")
        primary.declare("Under noise a is not worse than b by 0.01", .notWorse("a", than: "b", on: Quantity.testAccuracy, margin: 0.01),
                        at: "noisy", ifHolds: "a kept up under noise.", otherwise: "a fell behind under noise.")
        let declared = primary.description
        #expect(declared.hasPrefix("Primary claims, declared before the run: one-sided t-tests over seeds, Holm correction across 2 claims, alpha 0.05"))
        #expect(declared.contains("On clean labels a is not worse than b by 0.01  clean  a vs b on test_accuracy  non-inferiority, margin 0.01"))
        #expect(primary.displayBundle.data["text/html"]!.contains("<th>compares</th>"))

        let verdicts = primary.evaluate(on: series)
        #expect(series.primaryVerdicts == verdicts)
        #expect(near(verdicts.verdicts[0].evaluation.effect.mean, 0.014) && near(verdicts.verdicts[1].evaluation.effect.mean, -0.014))
        #expect(verdicts.verdicts.map(\.holds) == [true, false])
        #expect(verdicts.findings.sentences == ["a kept up on clean labels.", "a fell behind under noise."])
        #expect(verdicts.findings.tally == "1 of 2 primary claims hold (Holm, alpha 0.05) on seeds 0 to 4.")
        let rows = verdicts.table.rows.map { $0.map(\.text) }
        let effect = String(format: "+0.0140 [%.4f, %.4f]", 0.014 - handHalfWidth, 0.014 + handHalfWidth)
        #expect(rows[0] == ["On clean labels a is not worse than b by 0.01", "clean", "non-inferiority, margin 0.01", effect, "5",
                            "0.012", "0.024", "holds"])
        #expect(rows[1].last == "does not hold")
        #expect(verdicts.table.header.map(\.text) == ["claim", "level", "test", "effect [95% CI]", "seeds", "p (one-sided)", "Holm p", "verdict"])
        // The old claims are untouched.
        #expect(series.claims.isEmpty)
    }

    @Test("the results file lists the primary verdicts with their numbers, at their levels")
    func resultsFile() throws {
        let series = primaryHandSeries()
        var primary = PrimaryClaims()
        primary.declare("clean: a not worse", .notWorse("a", than: "b", on: Quantity.testAccuracy, margin: 0.01), at: "clean")
        primary.declare("noisy: a's robust accuracy below 0.05", .atMost("a", on: "robust", value: 0.05), at: "noisy")
        primary.evaluate(on: series)
        let directory = NSTemporaryDirectory() + "primary-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try series.save(notebook: "nb", parameters: ["seeds": 5], directory: directory)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect(Set(json.keys) == ["notebook", "parameters", "models", "claims", "primary"])
        #expect((json["claims"] as? [Any])?.isEmpty == true)
        let records = try #require(json["primary"] as? [[String: Any]])
        #expect(records.count == 2)
        #expect(Set(records[0].keys) == ["claim", "test", "level", "effect", "lower", "upper", "seeds", "p", "holm_p", "alpha", "holds"])
        #expect(records[0]["claim"] as? String == "clean: a not worse")
        #expect(records[0]["test"] as? String == "non-inferiority, margin 0.01")
        #expect(records[0]["level"] as? String == "clean")
        #expect(near(records[0]["effect"] as! Double, 0.014))
        #expect(near(records[0]["lower"] as! Double, 0.014 - handHalfWidth) && near(records[0]["upper"] as! Double, 0.014 + handHalfWidth))
        #expect(records[0]["seeds"] as? Int == 5)
        #expect(near(records[0]["p"] as! Double, 0.012021764399686889))
        // Holm over 2: the atMost claim's 0.0011 x 2 first, then max(0.0120 x 1, previous).
        #expect(near(records[0]["holm_p"] as! Double, 0.012021764399686889))
        #expect(near(records[1]["holm_p"] as! Double, 2 * 0.0010614415269197335))
        #expect(records[0]["alpha"] as? Double == 0.05)
        #expect(records[0]["holds"] as? Bool == true)
        #expect(records[1]["level"] as? String == "noisy" && records[1]["test"] as? String == "mean below 0.05")
        #expect(records[1]["holds"] as? Bool == true)   // the noisy level's a has b's values: 0.014 on average
    }

    @Test("a single experiment's primary verdicts have a null level; a run without them writes no primary key, byte for byte as before")
    func singleExperimentFile() throws {
        let directory = NSTemporaryDirectory() + "primary-single-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let plain = primaryHandResults()
        plain.claim("a at least 0.8", .meanAtLeast("a", on: Quantity.testAccuracy, value: 0.8))
        let plainPath = try plain.save(notebook: "plain", parameters: ["seeds": 5], directory: directory)
        let bytes = try String(contentsOfFile: plainPath, encoding: .utf8)
        #expect(!bytes.contains("primary"))
        let plainJSON = try #require(try JSONSerialization.jsonObject(with: Data(bytes.utf8)) as? [String: Any])
        #expect(Set(plainJSON.keys) == ["notebook", "parameters", "models", "claims"])
        #expect(bytes.hasPrefix("{\n  \"claims\" : [\n    {\n      \"claim\" : \"a at least 0.8\",\n"))
        #expect(bytes.hasSuffix("  \"notebook\" : \"plain\",\n  \"parameters\" : {\n    \"seeds\" : 5\n  }\n}"))

        let withPrimary = primaryHandResults()
        var primary = PrimaryClaims()
        primary.declare("a beats b", .better("a", than: "b", on: Quantity.testAccuracy))
        primary.evaluate(on: withPrimary)
        let path = try withPrimary.save(notebook: "single", parameters: ["seeds": 5], directory: directory)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let records = try #require(json["primary"] as? [[String: Any]])
        #expect(records.count == 1 && records[0]["level"] is NSNull)
        #expect(records[0]["holds"] as? Bool == false)
        // Evaluating on other results leaves the plain run's file as it was.
        try plain.save(notebook: "plain", parameters: ["seeds": 5], directory: directory)
        #expect(try String(contentsOfFile: plainPath, encoding: .utf8) == bytes)
    }

    @Test("two families of primary claims in one file are refused")
    func severalFamilies() throws {
        let series = primaryHandSeries()
        var primary = PrimaryClaims()
        primary.declare("a beats b", .better("a", than: "b", on: Quantity.testAccuracy))
        primary.evaluate(on: series.first.results)
        primary.evaluate(on: series.last.results)
        #expect(throws: ResultsFileError.severalPrimaryFamilies(2)) {
            try series.save(notebook: "nb", parameters: [:], directory: NSTemporaryDirectory())
        }
    }

    @Test("a level the series lacks stops with a message naming it")
    func unknownLevel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var primary = PrimaryClaims()
            primary.declare("at 90%", .better("a", than: "b", on: Quantity.testAccuracy), at: "noise 90%")
            primary.evaluate(on: primaryHandSeries())
        }
        #expect(standardError(of: result).contains("the primary claim \"at 90%\" is at \"noise 90%\", which the series lacks; its levels: [\"clean\", \"noisy\"]"))
    }

    @Test("a model the results lack stops with a message naming it")
    func unknownModel() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var primary = PrimaryClaims()
            primary.declare("c beats b", .better("c", than: "b", on: Quantity.testAccuracy))
            primary.evaluate(on: primaryHandResults())
        }
        #expect(standardError(of: result).contains("the primary claim \"c beats b\" names the model \"c\", which the experiment lacks; its models: [\"a\", \"b\"]"))
    }

    @Test("a claim without a level on a series, and a non-inferiority margin that is not positive, stop with a message")
    func missingLevelAndBadMargin() async {
        let noLevel = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var primary = PrimaryClaims()
            primary.declare("somewhere", .better("a", than: "b", on: Quantity.testAccuracy))
            primary.evaluate(on: primaryHandSeries())
        }
        #expect(standardError(of: noLevel).contains("the primary claim \"somewhere\" names no level, and a series needs one"))
        let badMargin = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var primary = PrimaryClaims()
            primary.declare("no margin", .notWorse("a", than: "b", on: Quantity.testAccuracy, margin: 0))
        }
        #expect(standardError(of: badMargin).contains("a non-inferiority margin must be positive and finite, got 0.0"))
    }
}
