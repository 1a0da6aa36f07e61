import Plotting
import Datasets
import Foundation
import Models
import Tensors

/// One panel of a decision-boundary figure: a classifier of 2-D points, the data to draw
/// over its class regions, and a title.
///
///     let panel = DecisionBoundaryPanel(title: "cross-entropy", training: trainingSet, test: testSet) { model($0) }
///     let scored = DecisionBoundaryPanel.withTestAccuracy("large margin", training: trainingSet, test: testSet) { marginModel($0) }
public struct DecisionBoundaryPanel {
    /// The text above the panel.
    public var title: String
    /// Drawn bold and large, coloured by label.
    public var training: Dataset<Float>?
    /// Drawn light and small, coloured by label.
    public var test: Dataset<Float>?
    /// Circles showing each training point's margin, if any.
    public var margins: MarginOverlay
    /// Maps [n, 2] points to [n, classes] logits.
    public var classifier: (Tensor<Float>) -> Tensor<Float>

    /// A panel with the caller's title.
    public init(
        title: String, training: Dataset<Float>? = nil, test: Dataset<Float>? = nil, margins: MarginOverlay = .none,
        classifier: @escaping (Tensor<Float>) -> Tensor<Float>
    ) {
        for data in [training, test].compactMap({ $0 }) {
            guard data.inputs.rank == 2 && data.inputs.shape[1] == 2 else {
                fatalError("a decision-boundary panel needs 2-D points of shape [n, 2], got \(data.inputs.shape)")
            }
        }
        self.title = title
        self.training = training
        self.test = test
        self.margins = margins
        self.classifier = classifier
    }

    /// A panel titled "`name`: test accuracy 0.968", the accuracy of `classifier` on `test`.
    public static func withTestAccuracy(
        _ name: String, training: Dataset<Float>? = nil, test: Dataset<Float>, margins: MarginOverlay = .none,
        classifier: @escaping (Tensor<Float>) -> Tensor<Float>
    ) -> DecisionBoundaryPanel {
        let accuracy = testAccuracy(of: classifier, on: test)
        return DecisionBoundaryPanel(
            title: "\(name): test accuracy \(String(format: "%.3f", accuracy))", training: training, test: test,
            margins: margins, classifier: classifier)
    }

    /// A panel for a model, titled "`name`: test accuracy 0.968" when `test` is given
    /// (otherwise just `name`).
    public init<Model: Layer>(
        _ name: String, model: Model, training: Dataset<Float>? = nil, test: Dataset<Float>? = nil,
        margins: MarginOverlay = .none
    ) where Model.Scalar == Float {
        let classifier: (Tensor<Float>) -> Tensor<Float> = { model($0) }
        if let test {
            self = .withTestAccuracy(name, training: training, test: test, margins: margins, classifier: classifier)
        } else {
            self.init(title: name, training: training, margins: margins, classifier: classifier)
        }
    }

    /// The fraction of `data` whose argmax logit is its label.
    static func testAccuracy(of classifier: (Tensor<Float>) -> Tensor<Float>, on data: Dataset<Float>) -> Double {
        let predicted = withoutGradientRecording { withLearningPhase(.inference) { classifier(data.inputs) } }.argmax(alongAxis: 1)
        return Double(zip(predicted, data.labels).filter { $0 == $1 }.count) / Double(max(data.count, 1))
    }
}
