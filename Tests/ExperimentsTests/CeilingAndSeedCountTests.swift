import Datasets
import Experiments
import Foundation
import Models
import Tensors
import Testing

/// Four training points whose fair shares are known by hand: A (0, 0) and B (3, 1) of class 0,
/// C (1, 1) and D (6, 1) of class 1. Opposite-class distances in l2: A-C sqrt 2, A-D sqrt 37,
/// B-C 2, B-D 3; so the fair shares are A sqrt(2)/2, B 1, C sqrt(2)/2, D 3/2, and the closest
/// opposite pair is A-C: the ceiling is sqrt(2)/2.
func fourPoints(labels: [Int] = [0, 0, 1, 1]) throws -> Dataset<Float> {
    try Dataset(inputs: Tensor<Float>([[0, 0], [3, 1], [1, 1], [6, 1]]), labels: labels, classCount: 2)
}

/// An experiment on the four points (training, validation and test alike), margins in l2.
func fourPointExperiment(labels: [Int] = [0, 0, 1, 1], seeds: [UInt64] = [0, 1, 2]) -> Experiment {
    let network: (inout SeededGenerator) -> Sequential<Float> = {
        Sequential<Float>.multilayerPerceptron(sizes: [2, 8, 2], using: &$0)
    }
    let crossEntropy = ModelSpec("cross-entropy", network: network) { _ in
        ModelConfiguration(objective: .crossEntropy, optimizer: .rmsProp(learningRate: 0.01), steps: 40, batchSize: 4)
    }
    let source = DataSource(name: "four points") { _ in
        let points = try fourPoints(labels: labels)
        return SplitData(train: points, validation: points, test: points)
    }
    return Experiment(data: source, seeds: seeds, models: [crossEntropy],
                      trainingMargins: TrainingMarginMeasurement(directions: 72, steps: 32))
}

@Suite("The ceiling and the fair shares", .serialized)
struct CeilingTests {
    @Test("fair shares are half the distance to the nearest point of the other class, in the measurement's norm")
    func fairShares() throws {
        let points = try fourPoints()
        let half = 2.0.squareRoot() / 2
        let l2 = TrainingMarginMeasurement().fairShares(of: points)
        #expect(zip(l2, [half, 1, half, 1.5]).allSatisfy { abs($0 - $1) < 1e-12 })
        // l1: A-C 2, A-D 7, B-C 2, B-D 3; l-infinity: A-C 1, A-D 6, B-C 2, B-D 3.
        #expect(TrainingMarginMeasurement(norm: .l1).fairShares(of: points) == [1, 1, 1, 1.5])
        #expect(TrainingMarginMeasurement(norm: .lInfinity).fairShares(of: points) == [0.5, 1, 0.5, 1.5])
        let l3 = TrainingMarginMeasurement(norm: .lp(3)).fairShares(of: points)
        #expect(abs(l3[0] - pow(2, 1.0 / 3) / 2) < 1e-12)
        #expect(TrainingMarginMeasurement().fairShares(of: try fourPoints(labels: [0, 0, 0, 0])).allSatisfy { $0 == .infinity })
    }

    @Test("every run records the ceiling, the fair shares' 10th percentile, and its exact margins as shares of them")
    func recordedPerRun() {
        let results = fourPointExperiment().run(workers: 2, showProgress: false)
        #expect(results.failures.isEmpty)
        for quantity in [Quantity.trainMarginCeiling, Quantity.trainMarginMinShare, Quantity.fairShareP10, Quantity.trainMarginP10Share] {
            #expect(results.quantities.contains(quantity))
        }
        let ceiling = 2.0.squareRoot() / 2
        // The sorted shares are sqrt(2)/2, sqrt(2)/2, 1, 3/2: the 10th percentile (position 0.3)
        // lies between the two equal smallest.
        #expect(results.runs.count == 3)
        for run in results.runs {
            let q = run.quantities
            #expect(abs(q[Quantity.trainMarginCeiling]! - ceiling) < 1e-12)
            #expect(abs(q[Quantity.fairShareP10]! - ceiling) < 1e-12)
            #expect(q[Quantity.trainMarginMinShare]! == q[Quantity.trainMarginMin]! / q[Quantity.trainMarginCeiling]!)
            #expect(q[Quantity.trainMarginP10Share]! == q[Quantity.trainMarginP10]! / q[Quantity.fairShareP10]!)
            #expect(q[Quantity.trainMarginMin]! == run.trainingMargins!.min())
        }
    }

    @Test("with one class there is no ceiling: the run finishes, and the four quantities read as NaN")
    func oneClass() throws {
        let results = fourPointExperiment(labels: [0, 0, 0, 0], seeds: [0]).run(workers: 1, showProgress: false)
        #expect(results.failures.isEmpty, "\(results.failures)")
        let run = try #require(results.runs.first)
        for quantity in [Quantity.trainMarginCeiling, Quantity.trainMarginMinShare, Quantity.fairShareP10, Quantity.trainMarginP10Share] {
            #expect(run.quantities[quantity] == nil)
            #expect(results.values(quantity, of: "cross-entropy").allSatisfy { $0.value.isNaN })
        }
        #expect(run.quantities[Quantity.trainMarginMin]!.isFinite)
    }
}

@Suite("Quantities that are not finite", .serialized)
struct NonFiniteQuantityTests {
    @Test("a measurement that is NaN or infinite at a seed comes back from the run's process as it is")
    func nonFiniteMeasurements() throws {
        var experiment = fourPointExperiment(seeds: [0])
        experiment.measurements = [
            MeasuredQuantity("undefined") { _, _ in .nan },
            MeasuredQuantity("unbounded") { _, _ in -.infinity },
        ]
        let results = experiment.run(workers: 1, showProgress: false)
        #expect(results.failures.isEmpty, "\(results.failures)")
        let run = try #require(results.runs.first)
        #expect(run.quantities["undefined"]!.isNaN)
        #expect(run.quantities["unbounded"]! == -.infinity)
    }
}

@Suite("Measurements of several values", .serialized)
struct SeveralValuesMeasurementTests {
    @Test("one measurement gives several named values, in the quantities' order, with its direction")
    func severalValues() throws {
        var experiment = fourPointExperiment(seeds: [0])
        experiment.measurements = [
            MeasuredQuantity(["test_count", "class_0_share"], higherIsBetter: false) { _, data in
                [Double(data.test.count), Double(data.train.labels.filter { $0 == 0 }.count) / Double(data.train.count)]
            },
        ]
        let results = experiment.run(workers: 1, showProgress: false)
        #expect(results.failures.isEmpty, "\(results.failures)")
        #expect(Array(results.quantities.suffix(2)) == ["test_count", "class_0_share"])
        let run = try #require(results.runs.first)
        #expect(run.quantities["test_count"] == 4)       // the four points, labels 0, 0, 1, 1
        #expect(run.quantities["class_0_share"] == 0.5)
        #expect(!results.higherIsBetter("class_0_share"))
    }

    @Test("a measurement that gives the wrong number of values fails the run with a message naming it")
    func wrongCount() throws {
        var experiment = fourPointExperiment(seeds: [0])
        experiment.measurements = [MeasuredQuantity(["first", "second"]) { _, _ in [1] }]
        let results = experiment.run(workers: 1, showProgress: false)
        let failure = try #require(results.failures.first)
        #expect(failure.message.contains("the measurement [\"first\", \"second\"] gave 1 values for its 2 names"), "\(failure.message)")
    }
}

@Suite("Claims about some of the seeds", .serialized)
struct SeedCountClaimTests {
    @Test("seedsAtLeast and seedsAtMost hold exactly up to the deciding seed's value, and say so")
    func seedCounts() {
        let values = sharedResults.values(Quantity.trainMarginMedian, of: "cross-entropy").map(\.value)
        #expect(values.count == 3)
        let descending = values.sorted(by: >)
        let second = descending[1]
        let text = String(format: "%.4f", second)
        let held = sharedResults.claim("2 of 3 at least", .seedsAtLeast(2, "cross-entropy", on: Quantity.trainMarginMedian, value: second))
        #expect(held.holds)
        #expect(held.detail == "train_margin_median: cross-entropy at least \(String(format: "%.6g", second)) in 2 of 3 seeds (needs 2); 2nd largest \(text)")
        if descending[0] > second + 1e-9 {
            let above = sharedResults.claim("2 of 3 above", .seedsAtLeast(2, "cross-entropy", on: Quantity.trainMarginMedian, value: second + 1e-9))
            #expect(!above.holds)
            #expect(above.detail.contains(" in 1 of 3 seeds (needs 2); 2nd largest \(text)"))
        }
        #expect(sharedResults.claim("1 of 3", .seedsAtLeast(1, "cross-entropy", on: Quantity.trainMarginMedian, value: descending[0])).holds)
        #expect(!sharedResults.claim("4 of 3", .seedsAtLeast(4, "cross-entropy", on: Quantity.trainMarginMedian, value: descending[2])).holds)
        #expect(sharedResults.claim("2 of 3 at most", .seedsAtMost(2, "cross-entropy", on: Quantity.trainMarginMedian, value: second)).holds)
        let below = sharedResults.claim("2 of 3 below", .seedsAtMost(2, "cross-entropy", on: Quantity.trainMarginMedian, value: descending[2] - 1))
        #expect(!below.holds)
        #expect(below.detail.contains(" in 0 of 3 seeds (needs 2); 2nd smallest \(text)"))
    }

    @Test("the detail text on a known quantity, and the every-seed claims worded the same way")
    func knownDetail() {
        let results = fourPointExperiment().run(workers: 2, showProgress: false)
        let most = results.claim("ceiling at least 0.7 in 2 of 3", .seedsAtLeast(2, "cross-entropy", on: Quantity.trainMarginCeiling, value: 0.7))
        #expect(most.holds)
        #expect(most.detail == "train_margin_ceiling: cross-entropy at least 0.7 in 3 of 3 seeds (needs 2); 2nd largest 0.7071")
        let none = results.claim("ceiling at most 0.7 in 1 of 3", .seedsAtMost(1, "cross-entropy", on: Quantity.trainMarginCeiling, value: 0.7))
        #expect(!none.holds)
        #expect(none.detail == "train_margin_ceiling: cross-entropy at most 0.7 in 0 of 3 seeds (needs 1); smallest 0.7071")
        #expect(none.description.hasPrefix("does not hold: ceiling at most 0.7 in 1 of 3\n  train_margin_ceiling: "))
        let every = results.claim("every seed", .everySeedAtLeast("cross-entropy", on: Quantity.trainMarginCeiling, value: 0.7))
        #expect(every.holds)
        #expect(every.detail == "train_margin_ceiling: cross-entropy at least 0.7 in 3 of 3 seeds (needs all 3); smallest 0.7071")
        let everyAtMost = results.claim("every seed at most", .everySeedAtMost("cross-entropy", on: Quantity.trainMarginCeiling, value: 0.7))
        #expect(!everyAtMost.holds)
        #expect(everyAtMost.detail == "train_margin_ceiling: cross-entropy at most 0.7 in 0 of 3 seeds (needs all 3); largest 0.7071")
    }
}
