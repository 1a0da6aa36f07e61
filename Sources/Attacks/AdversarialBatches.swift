import Models
import Tensors

/// How crafted examples join a training batch.
///
///     adversarialBatches(attack: .fgsm(epsilon: 0.1), fraction: 0.5, mixing: .replacing)
public enum AdversarialMixing: Sendable, Equatable {
    /// The first k rows of the batch are replaced by their adversarial versions; the batch
    /// keeps its size (Kurakin et al. 2017, "Adversarial machine learning at scale": 16 of 32).
    case replacing
    /// The adversarial versions of the first k rows are added after the batch; it grows by k.
    case appending
}

/// A batch transform for `train(_:optimizer:inputs:labels:options:batchTransform:)` that
/// mixes adversarial examples into every batch (adversarial training): with n rows and
/// k = round(fraction * n), the first k rows (batches arrive shuffled) are attacked against
/// the model as it is before the step, and the crafted rows replace them or are appended.
/// With `.replacing`, the mean loss is the mixture of Goodfellow et al. (2015, eq. 6):
///
///     J~(x, y) = (1 - fraction) J(x, y) + fraction J(x_adv, y)
///
/// fraction 1 with PGD is the min-max training of Madry et al. (2018).
///
///     train(&model, optimizer: &optimizer, inputs: x, labels: y, options: options,
///           batchTransform: adversarialBatches(attack: .pgd(epsilon: 0.1), fraction: 0.5))
///
/// - Parameters:
///   - attack: How to craft the examples (PGD's seed is reused every step).
///   - fraction: The share of each batch that is attacked, in [0, 1] (0.5 by default).
///   - mixing: `.replacing` (the default) or `.appending`.
///   - range: The range of valid inputs; nil leaves crafted inputs unclipped.
/// - Returns: The closure to pass as `batchTransform`.
public func adversarialBatches<Model: Layer>(
    attack: Attack, fraction: Double = 0.5, mixing: AdversarialMixing = .replacing,
    clippedTo range: ClosedRange<Double>? = nil
) -> (Model, LabeledBatch<Model.Scalar>) -> LabeledBatch<Model.Scalar> {
    guard (0...1).contains(fraction) else {
        fail(.invalidParameter(attack: "adversarialBatches", name: "fraction", value: "\(fraction)", requirement: "in [0, 1]"))
    }
    if let epsilon = attack.epsilon { checkNonNegative(epsilon, name: "epsilon", attack: "adversarialBatches") }
    return { model, batch in
        let n = batch.labels.count
        let k = Int((fraction * Double(n)).rounded())
        guard k > 0 else { return batch }
        let labels = Array(batch.labels[..<k])
        let chosen = batch.inputs.slicing(axis: 0, range: 0..<k).withoutDerivative()
        let crafted = attack.perturb(chosen, labels: labels, against: model, clippedTo: range)
        switch mixing {
        case .replacing:
            let rest = batch.inputs.slicing(axis: 0, range: k..<n)
            return LabeledBatch(inputs: Tensor(concatenating: [crafted, rest], alongAxis: 0), labels: batch.labels)
        case .appending:
            return LabeledBatch(
                inputs: Tensor(concatenating: [batch.inputs, crafted], alongAxis: 0), labels: batch.labels + labels)
        }
    }
}
