import Experiments
import Foundation
import Testing

@Suite("Claims and results files", .serialized)
struct ClaimAndResultsFileTests {
    @Test("a wins claim holds exactly up to the wins the paired comparison counts")
    func winsClaim() {
        let results = sharedResults
        let comparison = results.comparison("large-margin", against: "cross-entropy", on: Quantity.trainMarginP10)
        let holding = results.claim("p10 up", .wins(atLeast: comparison.wins, "large-margin", over: "cross-entropy", on: Quantity.trainMarginP10))
        let failing = results.claim("p10 up more", .wins(atLeast: comparison.wins + 1, "large-margin", over: "cross-entropy", on: Quantity.trainMarginP10))
        #expect(holding.holds)
        #expect(!failing.holds)
        #expect(holding.detail.hasPrefix("train_margin_p10: large-margin above cross-entropy in \(comparison.wins) of 3 seeds (needs \(comparison.wins))"))
        #expect(failing.description.hasPrefix("does not hold: p10 up more"))
    }

    @Test("a claim's finding is the sentence its verdict chose, and the findings list them with the tally")
    func findings() {
        let results = sharedResults
        let mean = results.interval(Quantity.testAccuracy, of: "large-margin").mean
        let met = results.claim("at the mean", .meanAtLeast("large-margin", on: Quantity.testAccuracy, value: mean),
                                ifHolds: "met: the mean is reached.", otherwise: "missed: the mean is not reached.")
        let missed = results.claim("beyond the mean", .meanAtLeast("large-margin", on: Quantity.testAccuracy, value: mean + 0.5),
                                   ifHolds: "beyond: reached.", otherwise: "beyond: not reached.")
        let silent = results.claim("silent", .meanAtLeast("large-margin", on: Quantity.testAccuracy, value: mean + 0.5),
                                   ifHolds: "silent: reached.")
        #expect(met.finding == "met: the mean is reached.")
        #expect(missed.finding == "beyond: not reached.")
        #expect(silent.finding == nil)
        let findings = results.findings
        #expect(findings.sentences.suffix(2) == ["met: the mean is reached.", "beyond: not reached."])
        let held = results.claims.filter(\.holds).count
        #expect(findings.tally == "\(held) of \(results.claims.count) claims hold on seeds 0 to 2.")
        #expect(findings.description.hasSuffix("beyond: not reached.\n" + findings.tally))
        #expect(findings.displayBundle.data["text/html"]?.contains("<p>met: the mean is reached.</p>") == true)
    }

    @Test("mean claims hold at the measured mean and not beyond it")
    func meanClaims() {
        let results = sharedResults
        let mean = results.interval(Quantity.testAccuracy, of: "large-margin").mean
        #expect(results.claim("at least", .meanAtLeast("large-margin", on: Quantity.testAccuracy, value: mean)).holds)
        #expect(!results.claim("beyond", .meanAtLeast("large-margin", on: Quantity.testAccuracy, value: mean + 1e-9)).holds)
        let difference = results.comparison("large-margin", against: "cross-entropy", on: Quantity.testAccuracy).difference.mean
        let notWorse = results.claim("not worse", .meanNotWorse("large-margin", than: "cross-entropy", on: Quantity.testAccuracy, tolerance: max(0, -difference)))
        #expect(notWorse.holds)
        let strict = results.claim("strictly", .meanNotWorse("large-margin", than: "cross-entropy", on: Quantity.testAccuracy, tolerance: 0))
        #expect(strict.holds == (difference >= 0))
    }

    @Test("the results file has the documented shape, one entry per seed, and the same bytes every time")
    func resultsFile() throws {
        let results = smallExperiment(seeds: [0, 1, 2]).run(workers: 2, showProgress: false)
        results.claim("the large margin's median training margin is at least cross-entropy's in 1 of 3 seeds",
                      .wins(atLeast: 1, "large-margin", over: "cross-entropy", on: Quantity.trainMarginMedian))
        let directory = NSTemporaryDirectory() + "results-file-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try results.save(notebook: "01-tour", parameters: ["seeds": 3, "quick": true, "gamma": 0.25, "name": "moons"], directory: directory)
        #expect(path.hasSuffix("/01-tour.results.json"))
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        try results.save(notebook: "01-tour", parameters: ["seeds": 3, "quick": true, "gamma": 0.25, "name": "moons"], directory: directory)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first)

        let json = try #require(try JSONSerialization.jsonObject(with: first) as? [String: Any])
        #expect(Set(json.keys) == ["notebook", "parameters", "models", "claims"])
        #expect(json["notebook"] as? String == "01-tour")
        let parameters = try #require(json["parameters"] as? [String: Any])
        #expect(parameters["seeds"] as? Int == 3)
        #expect(parameters["quick"] as? Bool == true)
        #expect(parameters["gamma"] as? Double == 0.25)
        let models = try #require(json["models"] as? [String: [String: Any]])
        #expect(Set(models.keys) == ["cross-entropy", "large-margin"])
        for (name, model) in models {
            #expect(model["seeds"] as? [Int] == [0, 1, 2])
            for quantity in results.quantities {
                let list = try #require(model[quantity] as? [Double], "\(name) lacks \(quantity)")
                let measured = results.values(quantity, of: name).map(\.value)
                #expect(list.count == measured.count)
                #expect(zip(list, measured).allSatisfy { abs($0 - $1) <= 1e-14 * max(1, abs($1)) })
            }
            #expect((model["chosen"] as? [String])?.count == 3)
        }
        for quantity in [Quantity.trainMarginMin, Quantity.trainMarginP10, Quantity.trainMarginMedian] {
            #expect(results.quantities.contains(quantity))
        }
        let claims = try #require(json["claims"] as? [[String: Any]])
        #expect(claims.count == 1)
        #expect(claims[0]["claim"] as? String == results.claims[0].text)
        #expect(claims[0]["holds"] as? Bool == results.claims[0].holds)
        #expect(claims[0]["detail"] as? String == results.claims[0].detail)
    }

    @Test("summary and comparison tables show each model's mean and interval, and the paired numbers")
    func tables() {
        let results = sharedResults
        let summary = results.summary([Quantity.testAccuracy])
        let interval = results.interval(Quantity.testAccuracy, of: "cross-entropy")
        #expect(summary.description.contains(String(format: "%.4f ± %.4f", interval.mean, interval.halfWidth)))
        #expect(summary.displayBundle.data["text/html"]!.contains("<th>cross-entropy</th>"))
        let comparison = results.compare(against: "cross-entropy", on: [Quantity.trainMarginMin])
        let c = results.comparison("large-margin", against: "cross-entropy", on: Quantity.trainMarginMin)
        #expect(comparison.comparisons == [c])
        #expect(comparison.description.contains("\(c.wins) / \(c.losses) / \(c.ties)"))
        #expect(results.choices.rows.map(\.point) == ["learningRate=0.01", "-"])
    }
}

@Suite("Combined results files", .serialized)
struct CombinedResultsFileTests {
    @Test("several experiments go into one file, each model under its label, claims in order; a repeated label is refused")
    func combined() throws {
        let first = sharedResults
        let second = smallExperiment(seeds: [3]).run(workers: 2, showProgress: false)
        second.claim("every seed's test accuracy is at least 0.5", .everySeedAtLeast("large-margin", on: Quantity.testAccuracy, value: 0.5))
        let directory = NSTemporaryDirectory() + "combined-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = try ExperimentResults.save([("a", first), ("b", second)], notebook: "nb", parameters: ["x": 1], directory: directory)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        let models = try #require(json["models"] as? [String: [String: Any]])
        #expect(Set(models.keys) == ["cross-entropy @ a", "large-margin @ a", "cross-entropy @ b", "large-margin @ b"])
        #expect(models["large-margin @ b"]?["seeds"] as? [Int] == [3])
        let claims = try #require(json["claims"] as? [[String: Any]])
        #expect(claims.map { $0["claim"] as? String } == (first.claims + second.claims).map(\.text))
        #expect(throws: ResultsFileError.repeatedModel("cross-entropy @ a")) {
            try ExperimentResults.save([("a", first), ("a", second)], notebook: "nb", parameters: [:], directory: directory)
        }
    }

    @Test("every-seed claims hold exactly up to the smallest and largest seed value")
    func everySeedClaims() {
        let values = sharedResults.values(Quantity.trainMarginMedian, of: "cross-entropy").map(\.value)
        #expect(sharedResults.claim("at most", .everySeedAtMost("cross-entropy", on: Quantity.trainMarginMedian, value: values.max()!)).holds)
        #expect(!sharedResults.claim("below", .everySeedAtMost("cross-entropy", on: Quantity.trainMarginMedian, value: values.max()! - 1e-9)).holds)
        #expect(sharedResults.claim("at least", .everySeedAtLeast("cross-entropy", on: Quantity.trainMarginMedian, value: values.min()!)).holds)
        #expect(!sharedResults.claim("above", .everySeedAtLeast("cross-entropy", on: Quantity.trainMarginMedian, value: values.min()! + 1e-9)).holds)
        let mean = Statistics.mean(values)
        #expect(sharedResults.claim("mean at most", .meanAtMost("cross-entropy", on: Quantity.trainMarginMedian, value: mean + 1e-12)).holds)
        #expect(!sharedResults.claim("mean below", .meanAtMost("cross-entropy", on: Quantity.trainMarginMedian, value: mean - 1e-9)).holds)
    }
}

@Suite("Claims on equal means")
struct EqualMeansTests {
    @Test("a model is not worse than itself; a comparison table limited to the models named")
    func equalMeans() {
        let claim = sharedResults.claim("same", .meanNotWorse("large-margin", than: "large-margin", on: Quantity.trainMarginMedian, tolerance: 0))
        #expect(claim.holds)
        let table = sharedResults.compare(against: "cross-entropy", models: ["large-margin"], on: [Quantity.testAccuracy])
        #expect(table.comparisons.map(\.model) == ["large-margin"])
    }
}

@Suite("Seed tables", .serialized)
struct SeedTableTests {
    @Test("a seed table has a row per finished seed with each model's value and the larger of two")
    func seedTable() {
        let results = sharedResults
        let table = results.seedTable("smallest margins", [
            .value(Quantity.trainMarginMin, of: "cross-entropy", label: "CE min"),
            .larger(Quantity.trainMarginMin, "cross-entropy", or: "large-margin", label: "larger"),
        ]).table
        #expect(table.caption == "smallest margins")
        #expect(table.header.map(\.text) == ["seed", "CE min", "larger"])
        #expect(table.rows.map { $0[0].text } == ["0", "1", "2"])
        let crossEntropy = results.values(Quantity.trainMarginMin, of: "cross-entropy")
        let largeMargin = results.values(Quantity.trainMarginMin, of: "large-margin")
        for (row, (ce, lm)) in zip(table.rows, zip(crossEntropy, largeMargin)) {
            #expect(row[1].text == String(format: "%.3f", ce.value))
            #expect(row[2].text == (ce.value == lm.value ? "tie" : ce.value > lm.value ? "cross-entropy" : "large-margin"))
        }
    }
}
