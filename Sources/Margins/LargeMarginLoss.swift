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
/// `.exact`, the loss is differentiated through them. A `crossEntropyWeight` adds that
/// multiple of softmax cross-entropy (the paper's mix).
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
    let margin: Tensor<Scalar>
    switch configuration.form {
    case .paper:
        margin = paperLoss(logits: logits, labels: labels, activations: activations, gammas: gammas, configuration: configuration)
    case .reference(let alpha):
        margin = referenceLoss(logits: logits, labels: labels, activations: activations, gammas: gammas, alpha: alpha, configuration: configuration)
    }
    guard configuration.crossEntropyWeight > 0 else { return margin }
    return margin + Scalar(configuration.crossEntropyWeight) * softmaxCrossEntropy(logits: logits, labels: labels)
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

/// The number of other classes each sample is compared with.
private func comparedClassCount(_ aggregation: MarginConfiguration.Aggregation, classes: Int) -> Int {
    switch aggregation {
    case .max, .sum: return classes - 1
    case .topK(let k): return k
    }
}

/// [batch, layers]: the gradient norms of one difference at every layer, side by side.
private func normMatrix<Scalar>(
    of difference: Tensor<Scalar>, activations: [Tensor<Scalar>], configuration: MarginConfiguration
) -> Tensor<Scalar> {
    Tensor(stacking: gradientNorms(of: difference, activations: activations, configuration: configuration), alongAxis: 1)
}

// Both forms work on [batch, compared classes, layers] at once rather than layer by layer:
// the same values with a handful of operations instead of a handful per layer.

private func paperLoss<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], activations: [Tensor<Scalar>], gammas: [Double], configuration: MarginConfiguration
) -> Tensor<Scalar> {
    let (batch, classes) = (logits.shape[0], logits.shape[1])
    let k = comparedClassCount(configuration.aggregation, classes: classes)
    let others = otherClasses(of: logits.withoutDerivative(), labels: labels, count: k)
    let labelHot = Tensor<Scalar>(oneHot: labels, classCount: classes)
    let gammaRow = Tensor<Scalar>(gammas.map { Scalar($0) })
    var terms: [Tensor<Scalar>] = []   // k of [batch, layers]: max(0, gamma_l + d_j,l)
    for j in 0..<k {
        let otherHot = Tensor<Scalar>(oneHot: others.map { $0[j] }, classCount: classes)
        let difference = (logits * (otherHot - labelHot)).sum(alongAxes: [1])
        let norms = normMatrix(of: difference, activations: activations, configuration: configuration)
        var term = relu(difference.reshaped(to: [batch, 1]) / (norms + Scalar(configuration.epsilon)) + gammaRow)
        if let clip = configuration.clip { term = min(term, Scalar(clip)) }
        terms.append(term)
    }
    let perLayer: Tensor<Scalar>   // [batch, layers]
    if k == 1 {
        perLayer = terms[0]
    } else {
        let stacked = Tensor(stacking: terms, alongAxis: 1)
        perLayer = configuration.aggregation == .max ? stacked.max(alongAxes: [1]) : stacked.sum(alongAxes: [1])
    }
    return perLayer.sum() / Scalar(batch)
}

private func referenceLoss<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], activations: [Tensor<Scalar>], gammas: [Double], alpha: Double,
    configuration: MarginConfiguration
) -> Tensor<Scalar> {
    let (batch, classes) = (logits.shape[0], logits.shape[1])
    let k = comparedClassCount(configuration.aggregation, classes: classes)
    let probabilities = softmax(logits, alongAxis: 1)
    let labelProbability = (probabilities * Tensor(oneHot: labels, classCount: classes)).sum(alongAxes: [1])
    let others = otherClasses(of: probabilities.withoutDerivative(), labels: labels, count: k)
    // The layer weights: a layer's size for l_inf, else 1.
    let weights = Tensor<Scalar>(activations.map { configuration.norm == .lInfinity ? Scalar($0.shape.dropFirst().reduce(1, *)) : 1 })
    var distances: [Tensor<Scalar>] = []   // k of [batch, layers]
    for j in 0..<k {
        let otherProbability = (probabilities * Tensor(oneHot: others.map { $0[j] }, classCount: classes)).sum(alongAxes: [1])
        let difference = labelProbability - otherProbability
        let norms = normMatrix(of: difference, activations: activations, configuration: configuration)
        distances.append(difference.reshaped(to: [batch, 1]) / (norms / weights + Scalar(configuration.epsilon)))
    }
    let gammaRow = Tensor<Scalar>(gammas.map { Scalar($0) })
    let lowerRow = Tensor<Scalar>(gammas.map { Scalar($0 * (1 - alpha)) })
    // [batch, k or 1, layers]: the worst case over the compared classes, or each of them.
    let stacked = k == 1 ? distances[0].reshaped(to: [batch, 1, activations.count]) : Tensor(stacking: distances, alongAxis: 1)
    let worst = configuration.aggregation == .sum || k == 1 ? stacked : stacked.min(alongAxes: [1], keepingDimensions: true)
    let bounded = max(worst, lowerRow)
    let perTerm = relu(gammaRow - bounded) - gammaRow
    return perTerm.sum() / Scalar(batch * activations.count)
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
