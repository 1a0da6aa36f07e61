import Models
import SeedStatistics
import Tensors
import Testing

@testable import Experiments

/// Targets "a" and "b" at seeds 0, 1 and 2, built by hand: under examples crafted on source s,
/// target t's accuracy at seed k is values[s][t][k].
private func transferResults(_ values: [String: [String: [Double]]]) -> ExperimentResults {
    let network: (inout SeededGenerator) -> Sequential<Float> = { Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &$0) }
    let specs = ["a", "b"].map { name in ModelSpec(name, network: network) { _ in ModelConfiguration(objective: .crossEntropy, steps: 1) } }
    let names = values.keys.sorted().map { Quantity.robustAccuracy("transfer_\($0)", epsilon: 0.1) }
    let experiment = Experiment(
        data: .toy(.twoMoons(noise: 0.1), trainCount: 10, validationCount: 10, testCount: 10), seeds: [0, 1, 2], models: specs,
        measurements: [MeasuredQuantity(names) { _, _ in names.map { _ in 0 } }])
    let runs = [0, 1, 2].flatMap { seed in
        ["a", "b"].map { model in
            var quantities = [Quantity.testAccuracy: 0.9, Quantity.validationAccuracy: 0.9, Quantity.trainAccuracy: 0.9]
            for (source, targets) in values { quantities[Quantity.robustAccuracy("transfer_\(source)", epsilon: 0.1)] = targets[model]![seed] }
            return SeedResult(model: model, seed: UInt64(seed), chosen: "-", validationAccuracyByPoint: [0.9], quantities: quantities,
                              trainingMargins: nil, linearizedMargins: nil, parameters: [], state: [], steps: 1, keptStep: 1, seconds: 0)
        }
    }
    return ExperimentResults(experiment: experiment, runs: runs, failures: [], interrupted: false)
}

@Suite("Transfer matrix")
struct TransferMatrixTests {
    @Test("a row per source, a column per target, each cell the target's mean and 95% interval over the seeds")
    func cells() {
        let results = transferResults([
            "ce": ["a": [0.2, 0.4, 0.3], "b": [0.5, 0.5, 0.5]],
            "linf": ["a": [0.6, 0.7, 0.8], "b": [0.1, 0.3, 0.2]],
        ])
        let matrix = results.transferMatrix(sources: [("cross-entropy", "transfer_ce"), ("l-inf", "transfer_linf")], epsilon: 0.1)
        #expect(matrix.sources == ["cross-entropy", "l-inf"])
        #expect(matrix.targets == ["a", "b"])
        // By hand: means 0.3, 0.5 / 0.7, 0.2; the standard deviation of (0.2, 0.4, 0.3) is 0.1, and
        // the 95% half-width with two degrees of freedom is 4.303 * 0.1 / sqrt(3) = 0.248.
        #expect(abs(matrix.mean(source: "cross-entropy", target: "a") - 0.3) < 1e-12)
        #expect(abs(matrix.mean(source: "l-inf", target: "a") - 0.7) < 1e-12)
        #expect(abs(matrix.mean(source: "l-inf", target: "b") - 0.2) < 1e-12)
        #expect(abs(matrix.intervals[0][0].halfWidth - 4.302653 * 0.1 / 3.0.squareRoot()) < 1e-5)
        #expect(matrix.intervals[0][1].halfWidth == 0)
        #expect(matrix.table.header.map(\.text) == ["source \\ target", "a", "b"])
        #expect(matrix.table.rows.map { $0.map(\.text) } == [
            ["cross-entropy", "0.300 ± 0.248", "0.500 ± 0.000"],
            ["l-inf", "0.700 ± 0.248", "0.200 ± 0.248"],
        ])
        #expect(matrix.table.caption!.hasPrefix("accuracy of each target (column) on examples crafted on each source (row) at epsilon 0.1"))
        #expect(matrix.table.caption!.hasSuffix("over 3 seeds"))
    }

    @Test("the targets can be chosen and ordered")
    func chosenTargets() {
        let results = transferResults(["ce": ["a": [0.2, 0.4, 0.3], "b": [0.5, 0.6, 0.7]]])
        let matrix = results.transferMatrix(sources: [("cross-entropy", "transfer_ce")], epsilon: 0.1, targets: ["b"], digits: 2)
        #expect(matrix.table.rows.map { $0.map(\.text) } == [["cross-entropy", "0.60 ± 0.25"]])
    }
}
