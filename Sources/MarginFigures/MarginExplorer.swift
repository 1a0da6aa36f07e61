import Datasets
import Foundation
import Margins
import Models
import NotebookDisplay
import Plotting
import Tensors

/// A lesson's margin explorer: the paper's toy network trained on a toy data set with the
/// margin loss and settings a lesson's controls choose, drawn beside cross-entropy trained the
/// same way (same points, initial weights, batches and steps), each with its training points'
/// exact margins: the boundaries with the closest points' margin balls, and the closest half's
/// margin distribution.
///
///     let explorer = MarginExplorer(trainCount: 60, steps: 1_000, seed: 0)
///     interact(Choice("data", MarginExplorer.dataSetNames), FloatRange("gamma", 0.02...1, default: 0.2)) { data, gamma in
///         explorer.view(MarginExplorer.Settings(dataSet: data, loss: .hinge, gamma: gamma))
///     }
///
/// Cross-entropy is trained once per data set and kept.
public final class MarginExplorer {
    /// The margin term the explored model is trained with.
    public enum Loss: String, CaseIterable, Sendable, CustomStringConvertible {
        /// The paper's hinge, max(0, γ + d) with d eq. 7 (eq. 10), at the chosen layers and norm,
        /// plus the cross-entropy share.
        case hinge = "hinge (eq. 10)"
        /// The tour's soft minimum at the nearest boundary point (l2, the input; cross-entropy
        /// added with weight 1): `NearestBoundaryMarginLoss`, with the chosen temperature.
        case softMinimum = "soft minimum (the tour's)"

        /// The name a lesson's choice shows.
        public var description: String { rawValue }
    }

    /// What the explored model is trained with.
    public struct Settings: Equatable, Sendable {
        /// One of `MarginExplorer.dataSetNames`.
        public var dataSet: String
        /// The margin term.
        public var loss: Loss
        /// The hinge's γ (all layers get the same).
        public var gamma: Double
        /// The hinge's norm.
        public var norm: Norm
        /// The hinge at every hidden layer too, not only at the input.
        public var allLayers: Bool
        /// The weight of cross-entropy beside the hinge.
        public var crossEntropyShare: Double
        /// The soft minimum's temperature, as a share of the median fair share.
        public var temperature: Double

        /// Settings; by default the hinge at the input in l2 with γ 0.2 and cross-entropy at weight 1.
        public init(
            dataSet: String = "two moons", loss: Loss = .hinge, gamma: Double = 0.2, norm: Norm = .l2, allLayers: Bool = false,
            crossEntropyShare: Double = 1, temperature: Double = 0.1
        ) {
            self.dataSet = dataSet
            self.loss = loss
            self.gamma = gamma
            self.norm = norm
            self.allLayers = allLayers
            self.crossEntropyShare = crossEntropyShare
            self.temperature = temperature
        }
    }

    /// The toy data sets to choose from (two classes each).
    public static let dataSets: [(name: String, data: Toy2D)] = [
        ("two moons", .twoMoons(noise: 0.1)), ("circles", .circles(noise: 0.05, factor: 0.5)),
        ("xor", .xor(standardDeviation: 0.15)), ("two blobs", .blobs(centers: 2, standardDeviation: 0.25)),
    ]

    /// The names of `dataSets`, in order (a lesson's choice).
    public static var dataSetNames: [String] { dataSets.map(\.name) }

    private let trainCount: Int
    private let steps: Int
    private let seed: UInt64
    private var crossEntropyModels: [String: (model: Sequential<Float>, margins: [Double])] = [:]

    /// An explorer training on `trainCount` points of each data set for `steps` steps (full
    /// batches, RMSProp at 0.01), everything drawn from `seed`.
    public init(trainCount: Int = 60, steps: Int = 1_000, seed: UInt64 = 0) {
        guard trainCount >= 2, steps >= 1 else { fatalError("the explorer needs 2 or more points and 1 or more steps") }
        self.trainCount = trainCount
        self.steps = steps
        self.seed = seed
    }

    /// Trains the model `settings` asks for (and cross-entropy, the first time for its data set)
    /// and draws both.
    public func view(_ settings: Settings) -> MarginExplorerView {
        guard let toy = Self.dataSets.first(where: { $0.name == settings.dataSet })?.data else {
            fatalError("no data set \"\(settings.dataSet)\"; the explorer has \(Self.dataSetNames.joined(separator: ", "))")
        }
        let points: Dataset<Float>
        do {
            points = try toy.sparseTrainDenseTest(trainCount: trainCount, testCount: 1, seed: seed).train
        } catch {
            fatalError("cannot draw the \(settings.dataSet) points: \(error)")
        }
        if crossEntropyModels[settings.dataSet] == nil {
            let model = train(points) { model, batch in softmaxCrossEntropy(logits: model(batch.inputs), labels: batch.labels) }
            crossEntropyModels[settings.dataSet] = (model, margins(of: model, on: points))
        }
        let reference = crossEntropyModels[settings.dataSet]!
        let explored = train(points, loss: loss(for: settings))
        return MarginExplorerView(
            training: points, settings: settings,
            crossEntropy: (reference.model, reference.margins), explored: (explored, margins(of: explored, on: points)))
    }

    /// The loss `settings` describes.
    private func loss(for settings: Settings) -> (Sequential<Float>, LabeledBatch<Float>) -> Tensor<Float> {
        switch settings.loss {
        case .softMinimum:
            return NearestBoundaryMarginLoss(temperatureShare: settings.temperature).loss
        case .hinge:
            let configuration = MarginConfiguration(gamma: settings.gamma, norm: settings.norm, aggregation: .max, gradient: .firstOrder)
            let layers = settings.allLayers ? [-1, 0, 1, 2, 3] : [-1]
            let share = Float(settings.crossEntropyShare)
            return { model, batch in
                let margin = largeMarginLoss(model: model, inputs: batch.inputs, labels: batch.labels, layers: layers, configuration: configuration)
                return share > 0 ? margin + share * softmaxCrossEntropy(logits: model(batch.inputs), labels: batch.labels) : margin
            }
        }
    }

    /// The paper's toy network trained on `points` with `loss`, from the explorer's seed.
    private func train(_ points: Dataset<Float>, loss: (Sequential<Float>, LabeledBatch<Float>) -> Tensor<Float>) -> Sequential<Float> {
        var generator = SeededGenerator(seed: seed)
        var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 32, 32, 32, 32, 2], using: &generator)
        var optimizer = RMSProp<Float>(learningRate: 0.01)
        Models.train(&model, optimizer: &optimizer, inputs: points.inputs, labels: points.labels,
                     options: TrainingOptions(steps: steps, batchSize: points.count, seed: seed), loss: loss)
        return model
    }

    /// Each training point's exact l2 distance to the boundary, negative when misclassified.
    private func margins(of model: Sequential<Float>, on points: Dataset<Float>) -> [Double] {
        let distances = exactDistances2D(of: points.inputs, norm: .l2, maxRadius: 2, directions: 72, steps: 24) { model($0) }
        let predicted = withoutGradientRecording { model(points.inputs) }.argmax(alongAxis: 1)
        return zip(zip(distances, predicted), points.labels).map { pair, label in pair.1 == label ? pair.0 : -pair.0 }
    }
}
