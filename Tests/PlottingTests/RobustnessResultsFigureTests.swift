import Attacks
import Datasets
import Experiments
import MarginFigures
import Models
import Plotting
import Tensors
import Testing

/// Two models on four points over seeds 0 and 1, with robustness values set by the seed:
/// "robust_ifgsm_whitebox_eps0.1" is 0.5 + seed / 10, "..._eps0.2" 0.25; black-box 0.75 and 0.5.
private func robustnessResults() throws -> ExperimentResults {
    let points = try Dataset(inputs: Tensor<Float>([[0, 0], [3, 1], [1, 1], [6, 1]]), labels: [0, 0, 1, 1], classCount: 2)
    let network: (inout SeededGenerator) -> Sequential<Float> = { Sequential<Float>.multilayerPerceptron(sizes: [2, 4, 2], using: &$0) }
    let models = ["a", "b"].map { name in
        ModelSpec(name, network: network) { _ in ModelConfiguration(objective: .crossEntropy, steps: 10, batchSize: 4) }
    }
    let names = ["ifgsm_whitebox", "ifgsm_blackbox"].flatMap { curve in [0.1, 0.2].map { Quantity.robustAccuracy(curve, epsilon: $0) } }
    let measurement = MeasuredQuantity(names) { _, split in [0.5 + Double(split.seed) / 10, 0.25, 0.75, 0.5] }
    let data = DataSource(name: "four points") { _ in SplitData(train: points, validation: points, test: points) }
    return Experiment(data: data, seeds: [0, 1], models: models, measurements: [measurement]).run(workers: 1, showProgress: false)
}

@Suite("Robustness figures of experiment results", .serialized)
struct RobustnessResultsFigureTests {
    @Test("a mean robustness series: the mean clean accuracy at 0, then the curve's means over the seeds")
    func meanSeries() throws {
        let results = try robustnessResults()
        #expect(results.failures.isEmpty, "\(results.failures)")
        let clean = results.runs(of: "a").map { $0.quantities[Quantity.testAccuracy]! }
        let series = results.meanRobustnessSeries("a", curve: "ifgsm_whitebox", epsilons: [0.1, 0.2], colorIndex: 3, dashed: true)
        #expect(series.xs == [0, 0.1, 0.2])
        #expect(abs(series.ys[0] - (clean[0] + clean[1]) / 2) < 1e-12)
        #expect(abs(series.ys[1] - 0.55) < 1e-12)
        #expect(series.ys[2] == 0.25)
        #expect(series.name == "a" && series.colorIndex == 3 && series.dashed)
        #expect(results.meanRobustnessSeries("a", curve: "ifgsm_whitebox", epsilons: [0.1], name: "a, white-box").name == "a, white-box")
    }

    @Test("panels side by side, one line per model in one colour, dashed as asked, the legend in the last panel")
    func panels() throws {
        let results = try robustnessResults()
        let figure = results.meanRobustnessFigure(
            panels: [("ifgsm_whitebox", "white-box iterative FGSM"), ("ifgsm_blackbox", "black-box iterative FGSM")],
            epsilons: [0.1, 0.2], dashed: ["b"], xLabel: "epsilon (l-inf)", summary: "accuracy under iterative FGSM",
            panelWidth: 300, height: 200)
        let expected = [("ifgsm_whitebox", "white-box iterative FGSM", LegendPosition.hidden),
                        ("ifgsm_blackbox", "black-box iterative FGSM", .bottomLeft)].map { curve, title, legend in
            LinePanel(series: ["a", "b"].enumerated().map {
                results.meanRobustnessSeries($1, curve: curve, epsilons: [0.1, 0.2], colorIndex: $0, dashed: $1 == "b")
            }, title: "\(title), mean over 2 seeds", xLabel: "epsilon (l-inf)", yLabel: "test accuracy", yRange: 0...1, legend: legend)
        }
        let byHand = linePlots(expected, summary: "accuracy under iterative FGSM", panelWidth: 300, height: 200)
        #expect(figure.body == byHand.body)
        #expect(figure.description == "Figure: accuracy under iterative FGSM, 600x200")
        #expect(figure.body.contains("0.1 0.75\n0.2 0.5\n"))
    }

    @Test("a trade-off: a line per family through its models' means, a lone point per single model, colours in order")
    func tradeoff() throws {
        let results = try robustnessResults()
        let robust = Quantity.robustAccuracy("ifgsm_whitebox", epsilon: 0.1)
        let figure = results.tradeoffFigure(lines: [("both", ["a", "b"])], points: ["a"], y: robust, yLabel: "robust accuracy",
                                            title: "robust against clean", summary: "trade-off", width: 300, height: 200)
        let clean = ["a", "b"].map { model in results.runs(of: model).map { $0.quantities[Quantity.testAccuracy]! }.reduce(0, +) / 2 }
        // By hand: the robust accuracy is 0.5 + seed / 10 for every model, 0.55 on average.
        let byHand = linePlots([LinePanel(series: [
            Series(name: "both", xs: clean, ys: [0.55, 0.55], style: .linesPoints, colorIndex: 0),
            Series(name: "a", xs: [clean[0]], ys: [0.55], style: .points, colorIndex: 1),
        ], title: "robust against clean, mean over 2 seeds", xLabel: "clean test accuracy", yLabel: "robust accuracy",
           legend: .bottomLeft)], summary: "trade-off", panelWidth: 300, height: 200)
        #expect(figure.body == byHand.body)
        #expect(figure.description == "Figure: trade-off, 300x200")
    }

    @Test("adversarial examples: the attack crafted on the model, captioned with the true and the predicted classes")
    func adversarialExamples() throws {
        var generator = SeededGenerator(seed: 5)
        let model = Sequential<Float>.multilayerPerceptron(sizes: [16, 8, 3], using: &generator)
        let images = try Dataset(inputs: Tensor<Float>(randomUniform: [2, 16], in: 0..<1, using: &generator), labels: [0, 2], classCount: 3)
        let attack = Attack.iterativeFGSM(epsilon: 0.1, loss: .logitMargin)
        let names = ["zero", "one", "two"]
        let figure = try adversarialExamplesFigure(
            model: model, images: images, attack: attack, classNames: names, clippedTo: 0...1, title: "examples")
        let crafted = iterativeFGSM(model, inputs: images.inputs, labels: images.labels, epsilon: 0.1, clippedTo: 0...1,
                                    loss: { logitMargin(logits: $0, labels: $1) })
        let predicted = model(crafted).argmax(alongAxis: 1).map { names[$0] }
        let byHand = try adversarialGrid(original: images.inputs, adversarial: crafted, labels: ["zero", "two"],
                                         adversarialLabels: predicted, epsilon: 0.1, title: "examples")
        #expect(figure.body == byHand.body)
    }
}
