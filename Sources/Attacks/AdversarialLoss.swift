import Models
import Tensors

/// The loss a gradient attack climbs, as a value an `Attack` carries (so "FGSM on the logit
/// margin" can be passed around and compared).
///
///     Attack.iterativeFGSM(epsilon: 0.1, loss: .logitMargin)
///     AdversarialLoss.logitMargin.value(logits: logits, labels: y)
public enum AdversarialLoss: Sendable, Hashable, CustomStringConvertible {
    /// Softmax cross-entropy, the mean over the batch (`softmaxCrossEntropy(logits:labels:)`):
    /// the attacks' default, as in their papers.
    case crossEntropy
    /// Carlini and Wagner's logit margin max_{i != y} f_i - f_y, summed over the batch
    /// (`logitMargin(logits:labels:)`): its gradient does not vanish when the softmax saturates.
    case logitMargin

    /// The loss of `logits` [batch, classes] for `labels`, a scalar tensor.
    public func value<Scalar>(logits: Tensor<Scalar>, labels: [Int]) -> Tensor<Scalar> {
        switch self {
        case .crossEntropy: return softmaxCrossEntropy(logits: logits, labels: labels)
        case .logitMargin: return Attacks.logitMargin(logits: logits, labels: labels)
        }
    }

    /// The loss as the closure the attack functions take.
    public func function<Scalar>() -> AttackLoss<Scalar> {
        { value(logits: $0, labels: $1) }
    }

    /// "cross-entropy" or "logit margin".
    public var description: String {
        switch self {
        case .crossEntropy: return "cross-entropy"
        case .logitMargin: return "logit margin"
        }
    }
}
