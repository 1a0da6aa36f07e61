import Tensors

/// A problem with the arguments of an attack, worded for the person who called it. Attacks
/// stop with its `description` (as the tensor operations do with `ShapeError`).
///
///     AttackError.invalidParameter(attack: "fgsm", name: "epsilon", value: "-0.1", requirement: ">= 0").description
///     // "fgsm needs epsilon >= 0, got -0.1"
public enum AttackError: Error, Equatable, CustomStringConvertible {
    /// A setting outside its allowed values ("fgsm needs epsilon >= 0, got -0.1").
    case invalidParameter(attack: String, name: String, value: String, requirement: String)
    /// A batch with no rows.
    case emptyBatch(attack: String)
    /// A different number of input rows and labels.
    case labelCount(attack: String, inputs: Int, labels: Int)
    /// A label that is not a class of the model.
    case labelOutOfRange(attack: String, label: Int, classCount: Int)
    /// A model whose output is not logits [batch, classes].
    case logitShape(attack: String, shape: [Int], batch: Int)
    /// A norm ball the attack cannot project onto.
    case unsupportedNorm(attack: String, norm: Norm)

    public var description: String {
        switch self {
        case let .invalidParameter(attack, name, value, requirement):
            return "\(attack) needs \(name) \(requirement), got \(value)"
        case let .emptyBatch(attack):
            return "\(attack) got an empty batch: there is nothing to attack"
        case let .labelCount(attack, inputs, labels):
            return "\(attack) got \(inputs) input rows but \(labels) labels: give one label per row"
        case let .labelOutOfRange(attack, label, classCount):
            return "\(attack): label \(label) is out of range for a model with \(classCount) classes"
        case let .logitShape(attack, shape, batch):
            return "\(attack) needs a model that returns logits [batch, classes] = [\(batch), classes], got shape \(shape)"
        case let .unsupportedNorm(attack, norm):
            return "\(attack) supports the l2 and l_inf balls, got \(norm)"
        }
    }
}

/// Stops with `error`'s text: the attacks' way of refusing bad input.
func fail(_ error: AttackError) -> Never {
    fatalError(error.description)
}
