import Models
import Tensors

/// The share of samples whose input gradient of `loss` is exactly zero in every coordinate:
/// the symptom of gradient masking (Papernot et al. 2017; Athalye et al. 2018). Where a
/// model has pushed its logits far apart, the softmax saturates in single precision and the
/// cross-entropy's gradient sum_i (p_i - [i = y]) grad f_i underflows to zero; a gradient
/// attack on such a sample does not move it, and the model looks robust without being so.
///
///     zeroGradientShare(of: model, on: test)                         // cross-entropy, the usual suspect
///     zeroGradientShare(of: model, on: test, loss: .logitMargin)     // 0 unless the model is flat
///
/// - Parameters:
///   - model: Any layer whose output is logits [batch, classes].
///   - data: The labelled samples.
///   - loss: The loss whose gradient is checked; cross-entropy by default.
/// - Returns: A share in [0, 1].
public func zeroGradientShare<Model: Layer>(
    of model: Model, on data: LabeledBatch<Model.Scalar>, loss: AdversarialLoss = .crossEntropy
) -> Double {
    let name = "zeroGradientShare"
    checkBatch(data.inputs, labels: data.labels, attack: name)
    let gradient = inputGradient(of: model, inputs: data.inputs, labels: data.labels, loss: loss.function(), attack: name).scalars
    let count = data.labels.count
    let width = gradient.count / count
    let zeroRows = (0..<count).filter { row in gradient[(row * width)..<((row + 1) * width)].allSatisfy { $0 == 0 } }
    return Double(zeroRows.count) / Double(count)
}
