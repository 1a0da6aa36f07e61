import Datasets
import Experiments
import Foundation
import Margins
import Models
import Tensors
import Testing

/// A small toy experiment: cross-entropy choosing between a learning rate of 0 (the initial
/// network, a poor model) and 0.01, and a first-order large margin at the input.
func smallExperiment(seeds: [UInt64], data: DataSource? = nil) -> Experiment {
    let network: (inout SeededGenerator) -> Sequential<Float> = {
        Sequential<Float>.multilayerPerceptron(sizes: [2, 16, 16, 2], using: &$0)
    }
    let crossEntropy = ModelSpec("cross-entropy", network: network, grid: HyperparameterGrid(["learningRate": [0, 0.01]])) {
        ModelConfiguration(objective: .crossEntropy, optimizer: .rmsProp(learningRate: $0["learningRate"]), steps: 150, batchSize: 32, earlyStoppingEvery: 50)
    }
    let margin = MarginConfiguration(gamma: 0.3, norm: .l2, aggregation: .max, gradient: .firstOrder, crossEntropyWeight: 1)
    let largeMargin = ModelSpec("large-margin", network: network) { _ in
        ModelConfiguration(objective: .largeMargin(margin, layers: [-1]), steps: 150, batchSize: 32)
    }
    return Experiment(
        data: data ?? .toy(.twoMoons(noise: 0.1), trainCount: 40, validationCount: 60, testCount: 200), seeds: seeds,
        models: [crossEntropy, largeMargin], trainingMargins: TrainingMarginMeasurement(directions: 72, steps: 32))
}

/// The experiment of seeds 0-2 run with two workers, once for the whole suite.
let sharedResults = smallExperiment(seeds: [0, 1, 2]).run(workers: 2, showProgress: false)

@Suite("Experiment runs", .serialized)
struct ExperimentRunTests {
    @Test("every model finishes at every seed, and validation picks the trained learning rate over the untrained one")
    func finishesAndChooses() {
        let results = sharedResults
        #expect(results.failures.isEmpty)
        #expect(!results.interrupted)
        #expect(results.runs.map(\.model) == ["cross-entropy", "large-margin", "cross-entropy", "large-margin", "cross-entropy", "large-margin"])
        #expect(results.runs(of: "cross-entropy").map(\.chosen) == ["learningRate=0.01", "learningRate=0.01", "learningRate=0.01"])
        for run in results.runs(of: "cross-entropy") {
            #expect(run.validationAccuracyByPoint[0] < run.validationAccuracyByPoint[1])
            #expect(run.quantities[Quantity.validationAccuracy] == run.validationAccuracyByPoint[1])
        }
        #expect(results.runs(of: "large-margin").allSatisfy { $0.chosen == "-" && $0.keptStep == 150 })
    }

    @Test("a run gives the same numbers alone, with one worker, or beside others")
    func deterministic() {
        let oneWorker = smallExperiment(seeds: [0, 1, 2]).run(workers: 1, showProgress: false)
        let alone = smallExperiment(seeds: [1]).run(workers: 1, showProgress: false)
        for (a, b) in zip(sharedResults.runs, oneWorker.runs) {
            #expect(a.quantities == b.quantities)
            #expect(a.parameters == b.parameters)
            #expect(a.trainingMargins == b.trainingMargins)
        }
        for run in alone.runs {
            let batched = sharedResults.runs.first { $0.model == run.model && $0.seed == 1 }!
            #expect(run.quantities == batched.quantities)
            #expect(run.parameters == batched.parameters)
        }
    }

    @Test("training margins: signed by correctness, summarised by min, 10th percentile and median")
    func trainingMargins() {
        for run in sharedResults.runs {
            let margins = run.trainingMargins!
            #expect(margins.count == 40)
            #expect(run.quantities[Quantity.trainMarginMin] == margins.min())
            #expect(run.quantities[Quantity.trainMarginMedian] == Statistics.quantile(margins, 0.5))
            let wrong = Double(margins.filter { $0 < 0 }.count) / 40
            #expect(abs(wrong - (1 - run.quantities[Quantity.trainAccuracy]!)) < 1e-12)
            #expect(run.linearizedMargins!.count == 40)
        }
    }

    @Test("a chosen model is rebuilt from its saved parameters with the accuracy that was measured")
    func rebuild() throws {
        let data = try DataSource.toy(.twoMoons(noise: 0.1), trainCount: 40, validationCount: 60, testCount: 200).data(seed: 2)
        #expect(data.seed == 2)
        let model = sharedResults.trainedModel("large-margin", seed: 2)
        let measured = sharedResults.values(Quantity.testAccuracy, of: "large-margin").first { $0.seed == 2 }!.value
        #expect(accuracy(of: model, on: LabeledBatch(inputs: data.test.inputs, labels: data.test.labels)) == measured)
    }

    @Test("a model trained alone, watched, is the model the experiment's run trained")
    func trainedAlone() throws {
        let experiment = smallExperiment(seeds: [2])
        let data = try experiment.data.data(seed: 2)
        let spec = try #require(experiment.models.first { $0.name == "large-margin" })
        var looks: [Int] = []
        let model = spec.trained(on: data, seed: 2, watch: TrainingWatch(every: 50) { _, step in looks.append(step) })
        #expect(looks == [50, 100, 150])
        let measured = sharedResults.trainedModel("large-margin", seed: 2)
        #expect(model.parameters.map(\.scalars) == measured.parameters.map(\.scalars))
    }

    @Test("a run that throws or traps is recorded with its message; the other runs finish")
    func failures() {
        struct NoData: Error, CustomStringConvertible { var description: String { "no data for seed 1" } }
        let toy = DataSource.toy(.twoMoons(noise: 0.1), trainCount: 40, validationCount: 60, testCount: 200)
        let source = DataSource(name: "flaky") { seed in
            if seed == 1 { throw NoData() }
            if seed == 2 { fatalError("seed 2 traps on purpose") }
            return try toy.data(seed: seed)
        }
        let results = smallExperiment(seeds: [0, 1, 2], data: source).run(workers: 2, showProgress: false)
        #expect(results.runs.map(\.seed) == [0, 0])
        #expect(results.failures.map(\.seed) == [1, 1, 2, 2])
        #expect(results.failures[0].message == "no data for seed 1")
        #expect(results.failures[2].message.contains("crashed"))
        #expect(results.failures[2].message.contains("seed 2 traps on purpose"))
        #expect(results.statusLine == "experiment: 2/6 runs done (2 models x 3 seeds), 4 failed")
        // The reasons, one line per model and message.
        #expect(results.failureLines.count == 4)
        #expect(results.failureLines[0] == "cross-entropy failed at seed 1: no data for seed 1")
        #expect(results.failureLines[1] == "large-margin failed at seed 1: no data for seed 1")
        #expect(results.failureLines[2].hasPrefix("cross-entropy failed at seed 2: the run crashed"))
        #expect(results.failureLines[2].contains("seed 2 traps on purpose"))
    }

    @Test("failures with the same message are one line per model, listing the seeds")
    func failureLinesGroupSeeds() {
        struct Unavailable: Error, CustomStringConvertible { var description: String { "the data is unavailable" } }
        let source = DataSource(name: "unavailable") { _ in throw Unavailable() }
        let results = smallExperiment(seeds: [3, 5], data: source).run(workers: 2, showProgress: false)
        #expect(results.failureLines == [
            "cross-entropy failed at seeds 3, 5: the data is unavailable",
            "large-margin failed at seeds 3, 5: the data is unavailable",
        ])
    }

    @Test("an interrupt stops the runs under way within seconds and keeps the finished ones")
    func interrupt() {
        let toy = DataSource.toy(.twoMoons(noise: 0.1), trainCount: 40, validationCount: 60, testCount: 200)
        // Seed 1's run leaves a marker and hangs; the interrupt comes once the marker is there.
        let marker = NSTemporaryDirectory() + "experiment-interrupt-\(getpid())"
        try? FileManager.default.removeItem(atPath: marker)
        let slow = DataSource(name: "slow") { seed in
            if seed == 1 {
                _ = FileManager.default.createFile(atPath: marker, contents: nil)
                sleep(600)
            }
            return try toy.data(seed: seed)
        }
        let stop = TrainingStop.Request()
        Thread.detachNewThread {
            while !FileManager.default.fileExists(atPath: marker) { Thread.sleep(forTimeInterval: 0.05) }
            stop.request()
        }
        let start = Date()
        let results = TrainingStop.withRequest(stop) {
            smallExperiment(seeds: [0, 1, 2], data: slow).run(workers: 1, showProgress: false)
        }
        try? FileManager.default.removeItem(atPath: marker)
        #expect(Date().timeIntervalSince(start) < 120)
        #expect(results.interrupted)
        #expect(results.runs.map(\.seed) == [0, 0])
        #expect(results.failures.isEmpty)
        #expect(results.statusLine == "experiment: 2/6 runs done (2 models x 3 seeds), interrupted: the finished runs are kept")
    }
}
