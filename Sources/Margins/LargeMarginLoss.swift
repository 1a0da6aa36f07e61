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
/// The reference form is described at `MarginConfiguration.Form.reference`. Given activations,
/// all the layers' gradients for one class come from one backward pass, one pass per compared
/// class. The `model:` form gets every compared class's gradients from one batched pass back
/// through the model (`SequentialTrace`) when its layers allow it. With `.firstOrder`, the gradient
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
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func largeMarginLoss<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], activations: [Tensor<Scalar>], configuration: MarginConfiguration
) -> Tensor<Scalar> {
    checkLossInputs(logits: logits, labels: labels, activations: activations, configuration: configuration)
    return marginLoss(logits: logits, labels: labels, source: .autodiff(activations), configuration: configuration)
}

/// Stops with a message naming the problem when the loss's inputs do not fit together.
private func checkLossInputs<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], activations: [Tensor<Scalar>], configuration: MarginConfiguration
) {
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
}

/// Where the loss gets the gradients of the compared score differences at each layer.
enum LayerGradientSource<Scalar: TensorScalar> {
    /// One backward pass of the autodiff engine per compared class, to these activations.
    case autodiff([Tensor<Scalar>])
    /// One batched pass back through a traced `Sequential` model for all compared classes, to
    /// the activations at these indices (one autodiff pass per class when a layer cannot).
    case trace(SequentialTrace<Scalar>, indices: [Int])

    var layerCount: Int {
        switch self {
        case .autodiff(let activations): return activations.count
        case .trace(_, let indices): return indices.count
        }
    }
}

/// The loss once the inputs are checked: the margin term of the configured form, plus the
/// cross-entropy share.
func marginLoss<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], source: LayerGradientSource<Scalar>, configuration: MarginConfiguration
) -> Tensor<Scalar> {
    let layerCount = source.layerCount
    let gammas = configuration.gamma.count == 1 ? Array(repeating: configuration.gamma[0], count: layerCount) : configuration.gamma
    let margin: Tensor<Scalar>
    switch configuration.form {
    case .paper:
        margin = paperLoss(logits: logits, labels: labels, source: source, gammas: gammas, configuration: configuration)
    case .reference(let alpha):
        margin = referenceLoss(logits: logits, labels: labels, source: source, gammas: gammas, alpha: alpha, configuration: configuration)
    }
    guard configuration.crossEntropyWeight > 0 else { return margin }
    return margin + Scalar(configuration.crossEntropyWeight) * softmaxCrossEntropy(logits: logits, labels: labels)
}

/// The other classes of each row, highest score first; `count` of them. When all the other
/// classes are asked for, the order does not matter to the loss and they come in class order.
func otherClasses<Scalar>(of scores: Tensor<Scalar>, labels: [Int], count: Int) -> [[Int]] {
    let classes = scores.shape[1]
    if count >= classes - 1 {
        return labels.map { label in (0..<classes).filter { $0 != label } }
    }
    let values = scores.scalars
    return labels.enumerated().map { row, label in
        let others = (0..<classes).filter { $0 != label }
        return Array(others.sorted { values[row * classes + $0] > values[row * classes + $1] }.prefix(count))
    }
}

/// [layers, batch]: the per-row dual norms of the gradient of `difference` (one value per
/// row) with respect to each activation, from one backward pass for all layers.
private func gradientNorms<Scalar>(
    of difference: Tensor<Scalar>, activations: [Tensor<Scalar>], configuration: MarginConfiguration
) -> Tensor<Scalar> {
    let graph: GradientGraph = configuration.gradient == .exact ? .recorded : .discarded
    let grads = gradients(of: difference, withRespectTo: activations, seed: Tensor(ones: difference.shape), graph: graph)
    return Tensor(stackingRowNormsOf: grads, configuration.norm.dual)
}

/// The number of other classes each sample is compared with.
private func comparedClassCount(_ aggregation: MarginConfiguration.Aggregation, classes: Int) -> Int {
    switch aggregation {
    case .max, .sum: return classes - 1
    case .topK(let k): return k
    }
}

/// [K, batch, classes]: for compared class j of each row, `sign * (e_label - e_other)`,
/// filled in one pass.
private func labelMinusOther<Scalar>(labels: [Int], others: [[Int]], classes: Int, sign: Scalar = 1) -> Tensor<Scalar> {
    let (k, batch) = (others[0].count, labels.count)
    var values = [Scalar](repeating: 0, count: k * batch * classes)
    for j in 0..<k {
        for b in 0..<batch {
            values[(j * batch + b) * classes + labels[b]] = sign
            values[(j * batch + b) * classes + others[b][j]] = -sign
        }
    }
    return Tensor(shape: [k, batch, classes], scalars: values)
}

/// [layers, K, batch]: the dual norm, at every layer, of the gradient of each compared class's
/// score difference. `difference` gives that difference [K, batch], recorded from the logits
/// (asked for only by the per-class passes); `logitSeeds` [K, batch, classes] its gradient with
/// respect to the logits (used by the batched pass).
private func differenceNorms<Scalar>(
    difference: () -> Tensor<Scalar>, k: Int, batch: Int, logitSeeds: () -> Tensor<Scalar>, source: LayerGradientSource<Scalar>,
    configuration: MarginConfiguration
) -> Tensor<Scalar> {
    func perClassNorms(_ activations: [Tensor<Scalar>]) -> Tensor<Scalar> {
        let difference = difference()
        return Tensor(stacking: (0..<k).map { j in
            gradientNorms(of: difference[j], activations: activations, configuration: configuration)
        }, alongAxis: 1)
    }
    switch source {
    case .autodiff(let activations):
        return perClassNorms(activations)
    case .trace(let trace, let indices):
        func norms() -> Tensor<Scalar>? {
            let seeds = logitSeeds()
            let flatSeeds = seeds.reshaped(to: [k * batch] + Array(seeds.shape.dropFirst(2)))
            return trace.inputGradients(of: flatSeeds, at: indices).map {
                Tensor(stackingRowNormsOf: $0, configuration.norm.dual).reshaped(to: [indices.count, k, batch])
            }
        }
        let perLayer = configuration.gradient == .exact ? norms() : withoutGradientRecording(norms)
        return perLayer ?? perClassNorms(indices.map(trace.activation))
    }
}

// Both forms work on [layers, K compared classes, batch] at once rather than class by class and
// layer by layer: the same values with a handful of operations. Layers come first so that a
// per-layer constant ([layers, 1, 1]) applies to long contiguous runs.

private func paperLoss<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], source: LayerGradientSource<Scalar>, gammas: [Double], configuration: MarginConfiguration
) -> Tensor<Scalar> {
    let (batch, classes) = (logits.shape[0], logits.shape[1])
    let k = comparedClassCount(configuration.aggregation, classes: classes)
    let others = otherClasses(of: logits.withoutDerivative(), labels: labels, count: k)
    let otherMinusLabel: Tensor<Scalar> = labelMinusOther(labels: labels, others: others, classes: classes, sign: -1)
    let difference = (logits * otherMinusLabel).sum(alongAxes: [2])           // [K, batch]: f_i - f_y
    let norms = differenceNorms(
        difference: { difference }, k: k, batch: batch, logitSeeds: { otherMinusLabel }, source: source, configuration: configuration)
    var terms = relu(difference.reshaped(to: [1, k, batch]) / (norms + Scalar(configuration.epsilon)) + perLayerColumn(gammas))
    if let clip = configuration.clip { terms = min(terms, Scalar(clip)) }
    let perLayer = k == 1 ? terms : configuration.aggregation == .max ? terms.max(alongAxes: [1]) : terms.sum(alongAxes: [1])
    return perLayer.sum() / Scalar(batch)
}

private func referenceLoss<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], source: LayerGradientSource<Scalar>, gammas: [Double], alpha: Double,
    configuration: MarginConfiguration
) -> Tensor<Scalar> {
    let (batch, classes) = (logits.shape[0], logits.shape[1])
    let layerCount = source.layerCount
    let k = comparedClassCount(configuration.aggregation, classes: classes)
    // The layer weights: a layer's size for l_inf, else 1.
    let weights = layerSizes(source).map { configuration.norm == .lInfinity ? Double($0) : 1 }
    if configuration.gradient == .firstOrder, let loss = firstOrderReferenceLoss(
        logits: logits, labels: labels, source: source, gammas: gammas, alpha: alpha, weights: weights, k: k, configuration: configuration
    ) {
        return loss
    }
    let probabilities = softmax(logits, alongAxis: 1)
    let others = otherClasses(of: probabilities.withoutDerivative(), labels: labels, count: k)
    let labelMinusOtherHot: Tensor<Scalar> = labelMinusOther(labels: labels, others: others, classes: classes)
    let difference = (probabilities * labelMinusOtherHot).sum(alongAxes: [2])  // [K, batch]: p_y - p_i
    // d(p_y - p_i)/d logits = p ⊙ (v - <p, v>) with v = e_y - e_i (the softmax Jacobian is symmetric).
    let logitSeeds = { probabilities * (labelMinusOtherHot - difference.reshaped(to: [k, batch, 1])) }
    let norms = differenceNorms(
        difference: { difference }, k: k, batch: batch, logitSeeds: logitSeeds, source: source, configuration: configuration)
    let distances = difference.reshaped(to: [1, k, batch]) / (norms / (perLayerColumn(weights) as Tensor<Scalar>) + Scalar(configuration.epsilon))
    // The worst case over the compared classes, or each of them.
    let worst = configuration.aggregation == .sum || k == 1 ? distances : distances.min(alongAxes: [1], keepingDimensions: true)
    // relu(gamma - max(d, lower)) - gamma, written as -clamp(d, lower, gamma): the same values
    // (without rounding through gamma = 1e4) and gradients, with fewer operations.
    let clamped = min(max(worst, perLayerColumn(gammas.map { $0 * (1 - alpha) })), perLayerColumn(gammas))
    return clamped.sum() * Scalar(-1 / Double(batch * layerCount))
}

/// The reference form in the first-order mode. With the denominators constant, the loss is,
/// around the current logits, a constant plus a linear function of the differences p_y - p_i
/// (the clamp and the choice of the worst class only contribute constant factors), so its
/// value and its gradient with respect to the logits come from plain loops over values and
/// are recorded as one operation (`Tensor(linearizedValue:gradient:at:)`), instead of a dozen
/// recorded tensor operations and their pullbacks. The same values and gradients as the
/// composed expression, whose tie rules it follows: a clamp passes the gradient at its
/// bounds, and worst classes that tie share it. Nil when a distance is not finite (the
/// composed expression then decides what that means).
private func firstOrderReferenceLoss<Scalar>(
    logits: Tensor<Scalar>, labels: [Int], source: LayerGradientSource<Scalar>, gammas: [Double], alpha: Double,
    weights: [Double], k: Int, configuration: MarginConfiguration
) -> Tensor<Scalar>? {
    let (batch, classes, layerCount) = (logits.shape[0], logits.shape[1], source.layerCount)
    let probabilities = softmax(logits.withoutDerivative(), alongAxis: 1)
    let others = otherClasses(of: probabilities, labels: labels, count: k)
    let p = probabilities.scalars
    var differences = [Scalar](repeating: 0, count: k * batch)  // [K, batch]: p_y - p_i
    for j in 0..<k {
        for b in 0..<batch { differences[j * batch + b] = p[b * classes + labels[b]] - p[b * classes + others[b][j]] }
    }
    let seeds = constantReferenceSeeds(probabilities: p, labels: labels, others: others, differences: differences)
    let norms = differenceNorms(
        difference: {
            // Only the per-class passes ask for it: p_y - p_i recorded from the logits.
            let hot: Tensor<Scalar> = labelMinusOther(labels: labels, others: others, classes: classes)
            return (softmax(logits, alongAxis: 1) * hot).sum(alongAxes: [2])
        }, k: k, batch: batch, logitSeeds: { Tensor(shape: [k, batch, classes], scalars: seeds) }, source: source,
        configuration: configuration)
    let denominators = constantReferenceDenominators(norms: norms, weights: weights, epsilon: configuration.epsilon)

    let scale = Scalar(-1 / Double(batch * layerCount))
    let takesWorst = !(configuration.aggregation == .sum || k == 1)
    var total: Scalar = 0
    var differenceGradient = [Scalar](repeating: 0, count: k * batch)  // d loss / d (p_y - p_i)
    for l in 0..<layerCount {
        let (lower, upper) = (Scalar(gammas[l] * (1 - alpha)), Scalar(gammas[l]))
        /// Adds one clamped term, min(max(d, lower), upper), to the total; whether its gradient
        /// passes the clamp.
        func addTerm(_ d: Scalar) -> Bool {
            let raised = d >= lower ? d : lower
            total += raised <= upper ? raised : upper
            return d >= lower && raised <= upper
        }
        /// Adds `share` of the term's gradient to the difference of class j of sample b.
        func addGradient(_ j: Int, _ b: Int, share: Scalar) {
            differenceGradient[j * batch + b] += scale * share / denominators[(l * k + j) * batch + b]
        }
        func distance(_ j: Int, _ b: Int) -> Scalar { differences[j * batch + b] / denominators[(l * k + j) * batch + b] }
        if takesWorst {
            for b in 0..<batch {
                var (worst, ties) = (distance(0, b), 1)
                guard worst.isFinite else { return nil }
                for j in 1..<k {
                    let d = distance(j, b)
                    guard d.isFinite else { return nil }
                    if d < worst { (worst, ties) = (d, 1) } else if d == worst { ties += 1 }
                }
                guard addTerm(worst) else { continue }
                for j in 0..<k where distance(j, b) == worst { addGradient(j, b, share: 1 / Scalar(ties)) }
            }
        } else {
            for j in 0..<k {
                for b in 0..<batch {
                    let d = distance(j, b)
                    guard d.isFinite else { return nil }
                    if addTerm(d) { addGradient(j, b, share: 1) }
                }
            }
        }
    }
    // d loss / d logits[b] = sum over j of d loss / d difference[j, b] times seed [j, b].
    var logitGradient = [Scalar](repeating: 0, count: batch * classes)
    for j in 0..<k {
        for b in 0..<batch where differenceGradient[j * batch + b] != 0 {
            let g = differenceGradient[j * batch + b]
            for c in 0..<classes { logitGradient[b * classes + c] += g * seeds[(j * batch + b) * classes + c] }
        }
    }
    return Tensor(linearizedValue: total * scale, gradient: Tensor(shape: [batch, classes], scalars: logitGradient), at: logits)
}

/// One value per layer as a [layers, 1, 1] column, to broadcast over [layers, K, batch].
private func perLayerColumn<Scalar>(_ values: [Double]) -> Tensor<Scalar> {
    Tensor<Scalar>(values.map { Scalar($0) }).reshaped(to: [values.count, 1, 1])
}

/// The reference form's logit seeds p ⊙ (v - <p, v>) with v = e_y - e_i, [K, batch, classes]
/// flat, as constants from plain loops over the probabilities p [batch, classes] and the differences
/// p_y - p_i [K, batch]: what the first-order mode needs, without broadcasting operations.
private func constantReferenceSeeds<Scalar: TensorScalar>(
    probabilities p: [Scalar], labels: [Int], others: [[Int]], differences d: [Scalar]
) -> [Scalar] {
    let (batch, k) = (labels.count, others[0].count)
    let classes = p.count / batch
    var seeds = [Scalar](repeating: 0, count: k * batch * classes)
    for b in 0..<batch {
        let (label, row) = (labels[b], others[b])
        for j in 0..<k {
            let (first, shift, other) = ((j * batch + b) * classes, d[j * batch + b], row[j])
            for c in 0..<classes {
                let v: Scalar = c == label ? 1 : c == other ? -1 : 0
                seeds[first + c] = p[b * classes + c] * (v - shift)
            }
        }
    }
    return seeds
}

/// The reference form's first-order denominators, [layers, K, batch] flat: each layer's constant
/// gradient norms divided by the layer's weight, plus epsilon, in one pass (the exact mode's
/// arithmetic, element by element).
private func constantReferenceDenominators<Scalar>(norms: Tensor<Scalar>, weights: [Double], epsilon: Double) -> [Scalar] {
    var denominators = norms.scalars
    let perLayer = denominators.count / Swift.max(weights.count, 1)
    denominators.withUnsafeMutableBufferPointer { values in
        for (l, weight) in weights.enumerated() {
            let (divisor, shift) = (Scalar(weight), Scalar(epsilon))
            for i in l * perLayer..<(l + 1) * perLayer { values[i] = values[i] / divisor + shift }
        }
    }
    return denominators
}

/// The number of scalars per sample at each layer the margin is measured at.
private func layerSizes<Scalar>(_ source: LayerGradientSource<Scalar>) -> [Int] {
    switch source {
    case .autodiff(let activations): return activations.map { $0.shape.dropFirst().reduce(1, *) }
    case .trace(let trace, let indices): return indices.map { trace.activation($0).shape.dropFirst().reduce(1, *) }
    }
}

/// The large-margin loss of `model` on a batch, measured at `layers` (-1 for the input, `i`
/// for the output of `model.layers[i]`).
///
///     let loss = largeMarginLoss(model: model, inputs: x, labels: y, layers: [-1, 0, 1, 2, 3],
///                                configuration: MarginConfiguration(gamma: 1))
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
public func largeMarginLoss<Scalar>(
    model: Sequential<Scalar>, inputs: Tensor<Scalar>, labels: [Int], layers: [Int], configuration: MarginConfiguration
) -> Tensor<Scalar> {
    let x = layers.contains(-1) ? inputs.requiringGradient() : inputs
    let trace = model.trace(x)
    let activations = layers.map(trace.activation)
    checkLossInputs(logits: trace.output, labels: labels, activations: activations, configuration: configuration)
    return marginLoss(logits: trace.output, labels: labels, source: .trace(trace, indices: layers), configuration: configuration)
}
