import MarginFigures
import Models
import Plotting
import Tensors
import Testing

@testable import Experiments

/// A series of two levels (values 10 and 100) of models "cross-entropy" and "large margin
/// l2, input", built by hand: test accuracies 0.5 / 0.6 at the first level, 0.7 / 0.9 at the second.
private func handSeries() -> ExperimentSeries {
    let network: (inout SeededGenerator) -> Sequential<Float> = { Sequential<Float>.multilayerPerceptron(sizes: [2, 2], using: &$0) }
    let names = ["cross-entropy", "large margin l2, input"]
    let specs = names.map { name in ModelSpec(name, network: network) { _ in ModelConfiguration(objective: .crossEntropy, steps: 1) } }
    let experiment = Experiment(data: .toy(.twoMoons(noise: 0.1), trainCount: 10, validationCount: 10, testCount: 10), seeds: [0], models: specs)
    let results = [[0.5, 0.6], [0.7, 0.9]].map { accuracies in
        ExperimentResults(experiment: experiment, runs: zip(names, accuracies).map { name, accuracy in
            SeedResult(model: name, seed: 0, chosen: "-", validationAccuracyByPoint: [0.5],
                       quantities: [Quantity.testAccuracy: accuracy, Quantity.validationAccuracy: 0.5, Quantity.trainAccuracy: 0.5],
                       trainingMargins: nil, linearizedMargins: nil, parameters: [], state: [], steps: 1, keptStep: 1, seconds: 0)
        }, failures: [], interrupted: false)
    }
    return ExperimentSeries(values: [10, 100], labels: ["10 points", "100 points"], results: results)
}

@Suite("Figures of experiment series")
struct ExperimentSeriesFigureTests {
    @Test("one colour per loss and norm; the variants dashed")
    func curveStyle() {
        #expect(["cross-entropy", "cross-entropy, untuned", "hinge", "large margin l1", "large margin l2, all layers",
                 "large margin l-inf, input", "large margin"].map(ModelCurveStyle.colorIndex(of:)) == [0, 0, 1, 2, 3, 4, 5])
        #expect(["large margin l2, input", "cross-entropy, untuned", "large margin l2, max over classes", "large margin l2, all layers", "hinge"]
            .map(ModelCurveStyle.isDashed) == [true, true, true, false, false])
    }

    @Test("the mean figure draws one curve per model, and chance when asked; the difference figure every other model and zero")
    func figures() {
        let series = handSeries()
        let means = series.meanFigure(Quantity.testAccuracy, title: "accuracy", xLabel: "points", logX: true, chance: 0.5)
        #expect(means.summary.hasPrefix("line plot: accuracy, 3 series"))
        #expect(means.body.contains("chance"))
        let differences = series.differenceFigure(against: "cross-entropy", on: Quantity.testAccuracy, title: "lead", xLabel: "points")
        #expect(differences.summary.hasPrefix("line plot: lead, 2 series"))
        #expect(!series.meanFigure(Quantity.testAccuracy, title: "plain", xLabel: "points").body.contains("chance"))
    }
}
