import Tensors

/// The value of `f` at `model` and its gradient with respect to every parameter, returned
/// as a model whose parameters are the gradients (so `gradient.parameters[i]` belongs to
/// `model.parameters[i]`).
///
///     let (loss, gradient) = valueWithGradient(at: model) { m in softmaxCrossEntropy(logits: m(x), labels: y) }
///     optimizer.update(&model, along: gradient)
public func valueWithGradient<Model: Layer>(
    at model: Model, of f: (Model) -> Tensor<Model.Scalar>
) -> (value: Tensor<Model.Scalar>, gradient: Model) {
    var tracked = model
    tracked.forEachParameter { $0 = $0.requiringGradient() }
    let value = GradientRecording.enabled { f(tracked) }
    guard value.count == 1 else {
        fatalError("valueWithGradient(at:of:) needs a function that returns one scalar, got shape \(value.shape)")
    }
    let found = gradients(of: value, withRespectTo: tracked.parameters)
    var gradient = model
    var index = 0
    gradient.forEachParameter { parameter in
        parameter = found[index]
        index += 1
    }
    return (value.withoutDerivative(), gradient)
}
