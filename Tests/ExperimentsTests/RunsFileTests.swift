import Foundation
import Testing

@testable import Experiments

/// A fresh temporary folder.
private func temporaryFolder() throws -> String {
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent("runs-file-\(UUID().uuidString)")
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The series of one level ("all") over `seeds` of the small experiment, run here.
private func taskSeries(_ seeds: [UInt64]) -> ExperimentSeries {
    ExperimentSeries(values: [0], labels: ["all"], results: [smallExperiment(seeds: seeds).run(workers: 2, showProgress: false)])
}

@Suite("Runs files and gathering a sweep's tasks", .serialized)
struct RunsFileTests {
    @Test("tasks of one seed each, saved and gathered, give the runs of one experiment over all the seeds, bit for bit")
    func gatheredEqualsJoint() throws {
        let folder = try temporaryFolder()
        for (task, seeds) in [("runs/seed=0", [UInt64(0)]), ("runs/seed=1,2", [1, 2])] {
            let directory = (folder as NSString).appendingPathComponent(task)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try taskSeries(seeds).saveRuns(notebook: "small", directory: directory)
        }
        // A sweep's unfinished run folder is not read.
        let unfinished = (folder as NSString).appendingPathComponent("runs/.tmp-seed=0")
        try FileManager.default.createDirectory(atPath: unfinished, withIntermediateDirectories: true)
        try taskSeries([0]).saveRuns(notebook: "small", directory: unfinished)

        let gathered = try ExperimentSeries(values: [0], labels: ["all"], gatheringRunsOf: "small", under: folder) { _ in
            smallExperiment(seeds: [0, 1, 2])
        }
        let joint = sharedResults
        let results = gathered.first.results
        #expect(results.failures.isEmpty)
        #expect(results.runs.map(\.model) == joint.runs.map(\.model) && results.runs.map(\.seed) == joint.runs.map(\.seed))
        for (mine, theirs) in zip(results.runs, joint.runs) {
            #expect(mine.quantities == theirs.quantities && mine.chosen == theirs.chosen)
            #expect(mine.trainingCurve.count == theirs.trainingCurve.count && mine.trainingMargins == theirs.trainingMargins)
            #expect(mine.parameters.isEmpty && mine.state.isEmpty)
        }
        let difference = results.comparison("large-margin", against: "cross-entropy", on: Quantity.testAccuracy).difference
        let jointDifference = joint.comparison("large-margin", against: "cross-entropy", on: Quantity.testAccuracy).difference
        #expect(difference.mean == jointDifference.mean && difference.lower == jointDifference.lower)
    }

    @Test("a seed no task ran is a failed run named as missing; the runs there are kept")
    func missingSeedIsAFailure() throws {
        let folder = try temporaryFolder()
        try taskSeries([0]).saveRuns(notebook: "small", directory: folder)
        let gathered = try ExperimentSeries(values: [0], labels: ["all"], gatheringRunsOf: "small", under: folder) { _ in
            smallExperiment(seeds: [0, 1])
        }
        #expect(gathered.first.results.runs.map(\.seed) == [0, 0])
        #expect(gathered.first.results.failures.map(\.seed) == [1, 1])
        #expect(gathered.first.results.failureLines.first?.contains("not in the sweep's runs files") == true)
    }

    @Test("gathering refuses a folder without runs files, a run in two files, an unknown level and an empty level")
    func refusals() throws {
        let empty = try temporaryFolder()
        let experiment: (Int) -> Experiment = { _ in smallExperiment(seeds: [0]) }
        #expect(throws: RunsFileError.noRunsFiles(notebook: "small", folder: empty)) {
            try ExperimentSeries(values: [0], labels: ["all"], gatheringRunsOf: "small", under: empty, experiment: experiment)
        }
        let twice = try temporaryFolder()
        let series = taskSeries([0])
        for task in ["a", "b"] {
            let directory = (twice as NSString).appendingPathComponent(task)
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try series.saveRuns(notebook: "small", directory: directory)
        }
        let repeated = #expect(throws: RunsFileError.self) {
            try ExperimentSeries(values: [0], labels: ["all"], gatheringRunsOf: "small", under: twice, experiment: experiment)
        }
        #expect(repeated.map { "\($0)" }?.contains("cross-entropy at seed 0 (all) is in more than one runs file") == true)
        let unknown = #expect(throws: RunsFileError.self) {
            try ExperimentSeries(values: [1], labels: ["other"], gatheringRunsOf: "small", under: (twice as NSString).appendingPathComponent("a"), experiment: experiment)
        }
        #expect(unknown.map { "\($0)" }?.contains("holds runs at \"all\", which the series does not have") == true)
        #expect(throws: RunsFileError.levelWithoutRuns(label: "more")) {
            try ExperimentSeries(values: [0, 1], labels: ["all", "more"], gatheringRunsOf: "small", under: (twice as NSString).appendingPathComponent("a"), experiment: experiment)
        }
    }

    @Test("a number list parses commas and spaces, falls back to its defaults when empty, and names a bad part")
    func numberList() throws {
        #expect(try NumberList.parse("0.005, 0.00125", parameter: "fractions", defaults: [1]) == [0.005, 0.00125])
        #expect(try NumberList.parse(" ", parameter: "fractions", defaults: [1, 3]) == [1, 3])
        #expect(throws: NumberListError(parameter: "fractions", text: "0.005,,1", part: "")) {
            try NumberList.parse("0.005,,1", parameter: "fractions", defaults: [])
        }
        let error = NumberListError(parameter: "gammaFactors", text: "1,-3", part: "-3")
        #expect(throws: error) { try NumberList.parse("1,-3", parameter: "gammaFactors", defaults: []) }
        #expect(error.description.hasPrefix("gammaFactors = \"1,-3\": \"-3\" is not a positive number"))
        #expect(try NumberList.parse("0,0.8", parameter: "noise", defaults: [], allowingZero: true) == [0, 0.8])
        #expect(throws: NumberListError(parameter: "fractions", text: "0,0.8", part: "0")) {
            try NumberList.parse("0,0.8", parameter: "fractions", defaults: [])
        }
    }

    @Test("margin norms are named l1, l2 and l-inf, in the order given; another name is refused by name")
    func marginNormNames() throws {
        #expect(try MarginNormScale.norms(named: "l-inf, l2").map(\.name) == ["l-inf", "l2"])
        #expect(try MarginNormScale.norms(named: "l1").map(\.norm) == [.l1])
        #expect(throws: MarginNormNameError(text: "l2,linf", name: "linf")) { try MarginNormScale.norms(named: "l2,linf") }
        #expect(throws: MarginNormNameError(text: "", name: "")) { try MarginNormScale.norms(named: "") }
    }

    @Test("the cost estimate counts every grid point at every seed, the configured steps and the validation measurements")
    func costEstimateCounts() throws {
        let experiment = smallExperiment(seeds: [0, 1, 2])
        let cost = try CostEstimate.of([("toy", experiment)], sampleSteps: 2, cores: 2)
        #expect(cost.lines.map(\.model) == ["cross-entropy", "large-margin"])
        // cross-entropy: 2 learning rates x 3 seeds, 150 steps measured every 50; the margin: 1 point, no early stopping.
        #expect(cost.lines.map(\.trainings) == [6, 3] && cost.lines.map(\.stepsEach) == [150, 150])
        #expect(cost.lines.map(\.measurementsEach) == [3, 0])
        for line in cost.lines {
            #expect(line.secondsPerStep > 0 && line.secondsPerMeasurement > 0)
            let expected = Double(line.trainings) * (150 * line.secondsPerStep + Double(line.measurementsEach) * line.secondsPerMeasurement)
            #expect(abs(line.seconds - expected) <= 1e-9 * expected)
        }
        #expect(abs(cost.cpuSeconds - cost.lines.map(\.seconds).reduce(0, +)) <= 1e-12)
        #expect(cost.description.hasPrefix("about ") && cost.description.contains(" hours on 2 cores)"))
        #expect(cost.description.contains("toy, cross-entropy: 6 trainings x 150 steps x "))
        // The same models on the same sizes at a second level, with fewer seeds: timed once, counted apart.
        let twice = try CostEstimate.of([("toy", experiment), ("again", smallExperiment(seeds: [5]))], sampleSteps: 2, cores: 2)
        #expect(twice.lines.map(\.level) == ["toy", "toy", "again", "again"] && twice.lines.map(\.trainings) == [6, 3, 2, 1])
        #expect(twice.lines[2].secondsPerStep == twice.lines[0].secondsPerStep)
    }
}
