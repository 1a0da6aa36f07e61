import Datasets
@testable import Experiments
import Foundation
import Models
import Tensors
import Testing

/// A small network with batch normalisation: Dense, BatchNorm, ReLU, Dense.
private func batchNormNetwork(_ generator: inout SeededGenerator) -> Sequential<Float> {
    Sequential<Float>([
        Dense<Float>(inputSize: 2, outputSize: 16, using: &generator), BatchNorm<Float>(channels: 16), Activation<Float>.relu,
        Dense<Float>(inputSize: 16, outputSize: 2, using: &generator),
    ])
}

private let toyData = DataSource.toy(.twoMoons(noise: 0.1), trainCount: 40, validationCount: 60, testCount: 200)

/// The batch norm layer (layer 1) of a `batchNormNetwork`.
private func batchNorm(of model: Sequential<Float>) -> BatchNorm<Float> {
    model.layers[1] as! BatchNorm<Float>
}

/// What a batch transform saw before each step: the model's parameters and state after that
/// many steps (index k: after k steps).
private final class StepRecorder {
    var parameters: [[[Float]]] = []
    var states: [[[Float]]] = []
}

@Suite("Batch norm state in experiment results", .serialized)
struct BatchNormStateTests {
    @Test("a trained model keeps its running averages and is the model that was measured")
    func runningAveragesComeBack() throws {
        let spec = ModelSpec("batch-norm", network: batchNormNetwork) { _ in
            ModelConfiguration(objective: .crossEntropy, optimizer: .rmsProp(learningRate: 0.01), steps: 100, batchSize: 16)
        }
        let results = Experiment(data: toyData, seeds: [0, 1], models: [spec]).run(workers: 2, showProgress: false)
        #expect(results.failures.isEmpty)
        #expect(results.runs.count == 2)
        for run in results.runs {
            #expect(run.state.count == 2)
            let model = results.trainedModel("batch-norm", seed: run.seed)
            let layer = batchNorm(of: model)
            #expect(model.states.map(\.scalars) == run.state)
            // Not the initial running mean 0 and variance 1.
            #expect(layer.runningMean.scalars.contains { $0 != 0 })
            #expect(layer.runningVariance.scalars.contains { $0 != 1 })
            // The rebuilt model gives the test accuracy measured on the model trained in the run.
            let data = try toyData.data(seed: run.seed)
            let rebuilt = accuracy(of: model, on: LabeledBatch(inputs: data.test.inputs, labels: data.test.labels))
            #expect(rebuilt == run.quantities[Quantity.testAccuracy])
        }
    }

    @Test("with early stopping, the result keeps the kept step's state, not the last step's")
    func keptStepState() throws {
        let recorder = StepRecorder()
        // From step 40 on the labels are flipped, so validation accuracy falls and early
        // stopping keeps a step at or before 40.
        let flipFrom = 40
        let spec = ModelSpec("batch-norm", network: batchNormNetwork) { _ in
            ModelConfiguration(
                objective: .crossEntropy, optimizer: .rmsProp(learningRate: 0.01), steps: 120, batchSize: 16, earlyStoppingEvery: 10,
                batchTransform: { model, batch in
                    let step = recorder.states.count
                    recorder.parameters.append(model.parameters.map(\.scalars))
                    recorder.states.append(model.states.map(\.scalars))
                    return step < flipFrom ? batch : LabeledBatch(inputs: batch.inputs, labels: batch.labels.map { 1 - $0 })
                })
        }
        let experiment = Experiment(data: toyData, seeds: [0], models: [spec])
        // In this process (no fork), so the recorder sees the training steps.
        let run = try experiment.runModel(spec, seed: 0)
        #expect(recorder.states.count == 120)
        #expect(run.steps == 120)
        #expect(run.keptStep > 0 && run.keptStep <= flipFrom)
        #expect(run.parameters == recorder.parameters[run.keptStep])
        #expect(run.state == recorder.states[run.keptStep])
        #expect(run.state != recorder.states.last!)

        let results = ExperimentResults(experiment: experiment, runs: [run], failures: [], interrupted: false)
        let model = results.trainedModel("batch-norm", seed: 0)
        #expect(model.states.map(\.scalars) == recorder.states[run.keptStep])
    }

    @Test("a result travels through JSON with its state, and JSON without \"state\" decodes as no state")
    func decodesWithoutState() throws {
        let run = SeedResult(
            model: "m", seed: 3, chosen: "-", validationAccuracyByPoint: [0.5], quantities: [Quantity.testAccuracy: 0.75],
            trainingMargins: nil, linearizedMargins: nil, parameters: [[1, 2], [3]], state: [[0.5], [2]], steps: 10,
            keptStep: 5, seconds: 0.25)
        let encoded = try JSONEncoder().encode(run)
        let decoded = try JSONDecoder().decode(SeedResult.self, from: encoded)
        #expect(decoded.state == [[0.5], [2]])
        #expect(decoded.parameters == [[1, 2], [3]])

        var object = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
        #expect(object["state"] != nil)
        object["state"] = nil
        let old = try JSONDecoder().decode(SeedResult.self, from: try JSONSerialization.data(withJSONObject: object))
        #expect(old.state.isEmpty)
        #expect(old.parameters == [[1, 2], [3]])
        #expect(old.keptStep == 5)
        #expect(old.quantities == [Quantity.testAccuracy: 0.75])
    }
}
