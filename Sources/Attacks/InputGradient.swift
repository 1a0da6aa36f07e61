import Models
import Tensors

/// The loss an attack climbs: a scalar from the logits [batch, classes] and the labels.
/// Softmax cross-entropy (`softmaxCrossEntropy(logits:labels:)`) unless a caller gives another.
public typealias AttackLoss<Scalar: TensorScalar> = (_ logits: Tensor<Scalar>, _ labels: [Int]) -> Tensor<Scalar>

/// The gradient of the loss with respect to the inputs, grad_x J(f(x), y): the direction
/// every gradient attack moves along.
///
///     let x = inputs.requiringGradient()
///     let g = gradients(of: softmaxCrossEntropy(logits: model(x), labels: y), withRespectTo: [x])[0]
///
/// is what it computes, with the model in inference mode and recording switched on even
/// inside `withoutGradientRecording`. With the default (mean) cross-entropy each row's
/// gradient is that sample's own gradient divided by the batch size.
///
///     let g = inputGradient(of: model, inputs: x, labels: y)   // same shape as x
///
/// - Parameters:
///   - model: Any layer whose output is logits [batch, classes].
///   - inputs: [batch, ...].
///   - labels: One class per row.
///   - loss: The loss to differentiate; softmax cross-entropy by default.
/// - Returns: A constant tensor shaped like `inputs`.
public func inputGradient<Model: Layer>(
    of model: Model, inputs: Tensor<Model.Scalar>, labels: [Int],
    loss: AttackLoss<Model.Scalar> = { softmaxCrossEntropy(logits: $0, labels: $1) }
) -> Tensor<Model.Scalar> {
    checkBatch(inputs, labels: labels, attack: "inputGradient")
    return inputGradient(of: model, inputs: inputs, labels: labels, loss: loss, attack: "inputGradient")
}

/// `inputGradient(of:inputs:labels:loss:)` after the caller has checked the batch; `attack`
/// names the caller in messages about the logits and labels.
func inputGradient<Model: Layer>(
    of model: Model, inputs: Tensor<Model.Scalar>, labels: [Int], loss: AttackLoss<Model.Scalar>, attack: String
) -> Tensor<Model.Scalar> {
    let x = inputs.withoutDerivative().requiringGradient()
    return GradientRecording.enabled {
        withLearningPhase(.inference) {
            let logits = model(x)
            checkLogits(logits, labels: labels, attack: attack)
            let value = loss(logits, labels)
            guard value.count == 1 else {
                fatalError("\(attack) needs a loss that returns one scalar, got shape \(value.shape)")
            }
            return gradients(of: value, withRespectTo: [x])[0]
        }
    }
}

/// The logits of `model` on `inputs` in inference mode, as constants.
func constantLogits<Model: Layer>(of model: Model, on inputs: Tensor<Model.Scalar>) -> Tensor<Model.Scalar> {
    withoutGradientRecording { withLearningPhase(.inference) { model(inputs.withoutDerivative()) } }
}
