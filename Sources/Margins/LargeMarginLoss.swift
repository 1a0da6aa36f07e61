import Models
import Tensors

/// The large-margin loss of Elsayed et al., "Large Margin Deep Networks for Classification"
/// (NeurIPS 2018): it pushes each sample's linearised distance to every decision boundary,
/// measured at each of the given layers, beyond the margin gamma.
///
///     let x = inputs.requiringGradient()
///     let (logits, hidden) = model.applied(to: x, keepingActivationsOf: [0, 1])
///     let loss = largeMarginLoss(logits: logits, labels: y, activations: [x] + hidden,
///                                configuration: MarginConfiguration(gamma: 1, norm: .l2))
///
/// Paper form (eq. 10), for sample x with label y and layers l:
///
///     d_i,l = (f_i - f_y) / (epsilon + || grad_{h_l} (f_i - f_y) ||_q)
///     loss  = sum_l mean_batch A_{i != y} max(0, gamma_l + d_i,l)
///
/// The reference form is described at `MarginConfiguration.Form.reference`. All the layers'
/// gradients for one class come from one backward pass. With `.firstOrder`, the gradient
/// norms are constants (computed without recording, so no second-order work is done); with
/// `.exact`, the loss is differentiated through them.
///
/// - Parameters:
///   - logits: [batch, classes] scores computed from every activation.
///   - labels: One class per row.
///   - activations: The layers where the margin is measured ([batch, ...] each), all on the
///     path to `logits` and differentiable (make the input with `requiringGradient()`).
///   - configuration: gamma, norm, aggregation, gradient mode, form.
/// - Returns: A scalar.
public func largeMarginLoss<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], activations: [Tensor<Scalar>], configuration: MarginConfiguration
) -> Tensor<Scalar> {
    guard logits.rank == 2, logits.shape[0] == labels.count, !labels.isEmpty else {
        fatalError("largeMarginLoss needs logits [batch, classes] with one label per row, got \(logits.shape) and \(labels.count) labels")
    }
    let classes = logits.shape[1]
    if let problem = configuration.validate(layerCount: activations.count, classCount: classes) { fatalError(problem) }
    if let bad = labels.first(where: { $0 < 0 || $0 >= classes }) { fatalError("label \(bad) is out of range for \(classes) classes") }
    for (l, h) in activations.enumerated() {
        guard h.requiresGradient, h.rank >= 1, h.shape[0] == labels.count else {
            fatalError("activation \(l) (shape \(h.shape)) is not a differentiable [batch, ...] tensor on the path to the logits: make the input with requiringGradient() and pass the activations the model handed back")
        }
    }
    let gammas = configuration.gamma.count == 1 ? Array(repeating: configuration.gamma[0], count: activations.count) : configuration.gamma
    switch configuration.form {
    case .paper:
        return paperLoss(logits: logits, labels: labels, activations: activations, gammas: gammas, configuration: configuration)
    case .reference(let alpha):
        return referenceLoss(logits: logits, labels: labels, activations: activations, gammas: gammas, alpha: alpha, configuration: configuration)
    }
}

/// The other classes of each row, highest score first; `count` of them.
func otherClasses<Scalar>(of scores: Tensor<Scalar>, labels: [Int], count: Int) -> [[Int]] {
    let classes = scores.shape[1]
    let values = scores.scalars
    return labels.enumerated().map { row, label in
        let others = (0..<classes).filter { $0 != label }
        return Array(others.sorted { values[row * classes + $0] > values[row * classes + $1] }.prefix(count))
    }
}

/// The per-row dual norms of the gradient of `difference` (one value per row) with respect
/// to each activation: one backward pass for all layers.
func gradientNorms<Scalar>(
    of difference: Tensor<Scalar>, activations: [Tensor<Scalar>], configuration: MarginConfiguration
) -> [Tensor<Scalar>] {
    let graph: GradientGraph = configuration.gradient == .exact ? .recorded : .discarded
    let grads = gradients(of: difference, withRespectTo: activations, seed: Tensor(ones: difference.shape), graph: graph)
    return grads.map { g in g.rank > 1 ? g.norm(configuration.norm.dual, alongAxes: Array(1..<g.rank)) : abs(g) }
}

private func paperLoss<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], activations: [Tensor<Scalar>], gammas: [Double], configuration: MarginConfiguration
) -> Tensor<Scalar> {
    let classes = logits.shape[1]
    let k: Int
    switch configuration.aggregation {
    case .max, .sum: k = classes - 1
    case .topK(let n): k = n
    }
    let others = otherClasses(of: logits.withoutDerivative(), labels: labels, count: k)
    let labelHot = Tensor<Scalar>(oneHot: labels, classCount: classes)
    // terms[l][j]: [batch] max(0, gamma_l + d_j,l) for the j-th other class.
    var terms = Array(repeating: [Tensor<Scalar>](), count: activations.count)
    for j in 0..<k {
        let otherHot = Tensor<Scalar>(oneHot: others.map { $0[j] }, classCount: classes)
        let difference = (logits * (otherHot - labelHot)).sum(alongAxes: [1])
        let norms = gradientNorms(of: difference, activations: activations, configuration: configuration)
        for l in activations.indices {
            var term = relu(difference / (norms[l] + Scalar(configuration.epsilon)) + Scalar(gammas[l]))
            if let clip = configuration.clip { term = min(term, Scalar(clip)) }
            terms[l].append(term)
        }
    }
    var total = Tensor<Scalar>(0)
    for l in activations.indices {
        let stacked = Tensor(stacking: terms[l], alongAxis: 1)
        let aggregated = configuration.aggregation == .max ? stacked.max(alongAxes: [1]) : stacked.sum(alongAxes: [1])
        total = total + aggregated.mean()
    }
    return total
}

private func referenceLoss<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], activations: [Tensor<Scalar>], gammas: [Double], alpha: Double,
    configuration: MarginConfiguration
) -> Tensor<Scalar> {
    let classes = logits.shape[1]
    let k: Int
    switch configuration.aggregation {
    case .max, .sum: k = classes - 1
    case .topK(let n): k = n
    }
    let probabilities = softmax(logits, alongAxis: 1)
    let labelProbability = (probabilities * Tensor(oneHot: labels, classCount: classes)).sum(alongAxes: [1])
    let others = otherClasses(of: probabilities.withoutDerivative(), labels: labels, count: k)
    // The layer weights: a layer's size for l_inf, else 1.
    let weights = activations.map { configuration.norm == .lInfinity ? Scalar($0.shape.dropFirst().reduce(1, *)) : 1 }
    var distances = Array(repeating: [Tensor<Scalar>](), count: activations.count)
    for j in 0..<k {
        let otherProbability = (probabilities * Tensor(oneHot: others.map { $0[j] }, classCount: classes)).sum(alongAxes: [1])
        let difference = labelProbability - otherProbability
        let norms = gradientNorms(of: difference, activations: activations, configuration: configuration)
        for l in activations.indices {
            distances[l].append(difference / (norms[l] / weights[l] + Scalar(configuration.epsilon)))
        }
    }
    var total = Tensor<Scalar>(0)
    for l in activations.indices {
        let gamma = Scalar(gammas[l])
        let stacked = Tensor(stacking: distances[l], alongAxis: 1)
        let worst = configuration.aggregation == .sum ? stacked : stacked.min(alongAxes: [1], keepingDimensions: true)
        let bounded = max(worst, gamma * Scalar(1 - alpha))
        total = total + (relu(gamma - bounded) - gamma).sum(alongAxes: [1]).mean()
    }
    return total / Scalar(activations.count)
}

/// The large-margin loss of `model` on a batch, measured at `layers` (-1 for the input, `i`
/// for the output of `model.layers[i]`).
///
///     let loss = largeMarginLoss(model: model, inputs: x, labels: y, layers: [-1, 0, 1, 2, 3],
///                                configuration: MarginConfiguration(gamma: 1))
public func largeMarginLoss<Scalar>(
    model: Sequential<Scalar>, inputs: Tensor<Scalar>, labels: [Int], layers: [Int], configuration: MarginConfiguration
) -> Tensor<Scalar> {
    let x = layers.contains(-1) ? inputs.requiringGradient() : inputs
    let (logits, activations) = model.applied(to: x, keepingActivationsOf: layers)
    return largeMarginLoss(logits: logits, labels: labels, activations: activations, configuration: configuration)
}
