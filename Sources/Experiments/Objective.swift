import Margins
import Models
import Tensors

/// The loss a model is trained with.
public enum Objective {
    /// Softmax cross-entropy.
    case crossEntropy
    /// The multi-class hinge loss with this margin, plus `crossEntropyWeight` times
    /// cross-entropy (the paper's hinge baseline).
    case hinge(margin: Double, crossEntropyWeight: Double)
    /// The large-margin loss measured at `layers` (-1 is the input, 0 the first layer's
    /// output, as in `largeMarginLoss(model:inputs:labels:layers:configuration:)`).
    case largeMargin(MarginConfiguration, layers: [Int])
    /// Any loss of a model on a batch, under a name for the results.
    case custom(name: String, (Sequential<Float>, LabeledBatch<Float>) -> Tensor<Float>)

    /// The loss of `model` on `batch`.
    public func loss(_ model: Sequential<Float>, _ batch: LabeledBatch<Float>) -> Tensor<Float> {
        switch self {
        case .crossEntropy:
            return softmaxCrossEntropy(logits: model(batch.inputs), labels: batch.labels)
        case .hinge(let margin, let crossEntropyWeight):
            let logits = model(batch.inputs)
            let hinge = multiclassHinge(logits: logits, labels: batch.labels, margin: Float(margin))
            guard crossEntropyWeight > 0 else { return hinge }
            return hinge + Float(crossEntropyWeight) * softmaxCrossEntropy(logits: logits, labels: batch.labels)
        case .largeMargin(let configuration, let layers):
            return largeMarginLoss(
                model: model, inputs: batch.inputs, labels: batch.labels, layers: layers, configuration: configuration)
        case .custom(_, let loss):
            return loss(model, batch)
        }
    }

    /// A short name: "cross-entropy", "hinge", "large margin (l2, layers -1,0)", or the custom name.
    public var name: String {
        switch self {
        case .crossEntropy: return "cross-entropy"
        case .hinge: return "hinge"
        case .largeMargin(let configuration, let layers):
            return "large margin (\(configuration.norm), layers \(layers.map(String.init).joined(separator: ",")))"
        case .custom(let name, _): return name
        }
    }
}
