import ArgumentParser
import Foundation
import MarginKit

/// `swift-margin toy`: the paper's toy 2-D setup from the command line — a network with
/// 4 hidden layers trained with cross-entropy on a few training points, scored on many
/// test points (Elsayed et al. 2018, Figure 1).
struct ToyExperiment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toy",
        abstract: "Train the paper's toy 2-D network with cross-entropy and report accuracy and wall time.")

    enum Problem: String, ExpressibleByArgument, CaseIterable {
        case moons, circles, spirals, blobs, xor
    }

    @Option(help: "The 2-D problem: \(Problem.allCases.map(\.rawValue).joined(separator: ", ")).")
    var dataset: Problem = .moons
    @Option(help: "Training points (the few bold points of the figure).")
    var trainCount = 100
    @Option(help: "Test points (the many light points).")
    var testCount = 2000
    @Option(help: "Width of each of the 4 hidden layers.")
    var width = 32
    @Option(help: "Training steps.")
    var steps = 10_000
    @Option(help: "Minibatch size (the whole training set if it is smaller).")
    var batchSize = 128
    @Option(help: "RMSProp learning rate.")
    var learningRate = 0.01
    @Option(help: "Seed for the data, the initialisation and the batch order.")
    var seed: UInt64 = 0

    func validate() throws {
        guard trainCount > 0, testCount > 0, width > 0, steps > 0, batchSize > 0, learningRate > 0 else {
            throw ValidationError("--train-count, --test-count, --width, --steps, --batch-size and --learning-rate must be positive")
        }
    }

    func run() throws {
        let problem: Toy2D
        switch dataset {
        case .moons: problem = .twoMoons(noise: 0.1)
        case .circles: problem = .circles(noise: 0.05, factor: 0.5)
        case .spirals: problem = .spirals(arms: 2, noise: 0.05, turns: 1)
        case .blobs: problem = .blobs(centers: 3, standardDeviation: 0.25)
        case .xor: problem = .xor(standardDeviation: 0.15)
        }
        let (trainingSet, testSet) = try problem.sparseTrainDenseTest(trainCount: trainCount, testCount: testCount, seed: seed)
        var generator = SeededGenerator(seed: seed &+ 1)
        let sizes = [2] + Array(repeating: width, count: 4) + [problem.classCount]
        var model = Sequential<Float>.multilayerPerceptron(sizes: sizes, using: &generator)
        var optimizer = RMSProp<Float>(learningRate: learningRate)
        print("toy experiment: \(problem), \(trainingSet.count) training / \(testSet.count) test points, seed \(seed)")
        print("network \(sizes.map(String.init).joined(separator: "-")) (ReLU), \(model.parameterCount) parameters; softmax cross-entropy, RMSProp lr \(learningRate), batch \(min(batchSize, trainingSet.count)), \(steps) steps")
        print(BLAS.configuration)
        let history = train(
            &model, optimizer: &optimizer, inputs: trainingSet.inputs, labels: trainingSet.labels,
            options: TrainingOptions(steps: steps, batchSize: batchSize, seed: seed, evaluateEvery: steps / 5, reportEvery: 0),
            test: LabeledBatch(inputs: testSet.inputs, labels: testSet.labels),
            onProgress: { progress in print("  \(progress)") })
        guard let final = history.final else { return }
        print(String(format: "training accuracy %.4f, test accuracy %.4f", final.trainingAccuracy, final.testAccuracy ?? .nan))
        print(String(format: "wall time %.2f s for %d steps (%.0f steps/s, %.1f us per step)", history.wallSeconds, history.steps,
                     Double(history.steps) / history.wallSeconds, 1e6 * history.wallSeconds / Double(history.steps)))
        if history.stoppedEarly { print("stopped early at step \(history.steps)") }
    }
}
