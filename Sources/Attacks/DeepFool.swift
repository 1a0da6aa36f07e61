import Models
import Tensors

/// DeepFool (Moosavi-Dezfooli et al. 2016, "DeepFool: a simple and accurate method to fool
/// deep neural networks", Algorithm 2), multi-class, in l2: the smallest step that carries
/// each sample across the linearised boundary nearest to it, repeated until its label changes.
///
/// At the current point x_n, with y the label and, for every other class k,
/// w_k = grad f_k(x_n) - grad f_y(x_n) and f'_k = f_k(x_n) - f_y(x_n):
///
///     l = argmin_{k != y} |f'_k| / ||w_k||_2
///     r_n = (|f'_l| + 1e-4) / ||w_l||_2^2 * w_l
///     x_{n+1} = x + (1 + overshoot) * (r_0 + ... + r_n)
///
/// (the 1e-4 and the overshoot applied to the total follow the authors' code). A sample stops
/// as soon as the model no longer predicts its label, or after `maxIterations` steps. For a
/// linear classifier one step reaches the nearest boundary: the perturbation has length
/// (1 + overshoot) (|f'_l| + 1e-4) / ||w_l||, the distance to the nearest hyperplane.
///
/// The attack pushes away from the given labels; a sample the model already misclassifies
/// is returned unchanged. (The paper starts from the predicted class; pass the predictions
/// as `labels` for that.)
///
///     let adversarial = deepFool(model, inputs: x, labels: y)
///     let size = (adversarial - x).norm(.l2, alongAxes: [1])   // per sample
///
/// - Parameters:
///   - model: Any layer whose output is logits [batch, classes].
///   - inputs: [batch, ...].
///   - labels: One class per row.
///   - overshoot: How far past the boundary to go, as a fraction (0.02, the paper's default).
///   - maxIterations: At most this many linearisations per sample (50, the authors' default).
///   - maxNorm: An l2 budget: a longer total perturbation is scaled down to this length
///     (nil: unbounded, the paper's minimal perturbation).
///   - range: The range of valid inputs, applied to the result (it may undo a label change).
/// - Returns: The adversarial inputs, a constant tensor shaped like `inputs`.
public func deepFool<Model: Layer>(
    _ model: Model, inputs: Tensor<Model.Scalar>, labels: [Int], overshoot: Double = 0.02,
    maxIterations: Int = 50, maxNorm: Double? = nil, clippedTo range: ClosedRange<Double>? = nil
) -> Tensor<Model.Scalar> {
    typealias Scalar = Model.Scalar
    let name = "deepFool"
    checkNonNegative(overshoot, name: "overshoot", attack: name)
    checkCount(maxIterations, name: "maxIterations", attack: name)
    if let maxNorm { checkNonNegative(maxNorm, name: "maxNorm", attack: name) }
    checkBatch(inputs, labels: labels, attack: name)
    let x = inputs.withoutDerivative()
    let batch = labels.count
    let width = x.count / batch
    let scale = 1 + overshoot
    let clean = x.scalars.map(Double.init)
    var total = [Double](repeating: 0, count: x.count)
    func current() -> Tensor<Scalar> {
        Tensor(shape: x.shape, scalars: zip(clean, total).map { Scalar($0 + scale * $1) })
    }
    var active = [Bool](repeating: true, count: batch)
    for iteration in 0...maxIterations {
        if TrainingStop.isRequested { break }  // an interrupt: return the examples so far
        let point = current().requiringGradient()
        let (logits, classGradients) = GradientRecording.enabled {
            withLearningPhase(.inference) { () -> (Tensor<Scalar>, [[Scalar]]) in
                let logits = model(point)
                checkLogits(logits, labels: labels, attack: name)
                let classes = logits.shape[1]
                // Rows are independent, so the gradient of column k's sum holds every row's grad f_k.
                let grads = iteration == maxIterations ? [] : (0..<classes).map { k in
                    gradients(of: logits.slicing(axis: 1, range: k..<(k + 1)).sum(), withRespectTo: [point])[0].scalars
                }
                return (logits.withoutDerivative(), grads)
            }
        }
        let classes = logits.shape[1]
        let f = logits.scalars.map(Double.init)
        let predicted = logits.argmax(alongAxis: 1)
        for b in 0..<batch where active[b] && predicted[b] != labels[b] { active[b] = false }
        if iteration == maxIterations || !active.contains(true) { break }
        for b in 0..<batch where active[b] {
            let y = labels[b]
            let rows = (b * width)..<((b + 1) * width)
            var best: (distance: Double, gap: Double, w: [Double], squaredNorm: Double)?
            for k in 0..<classes where k != y {
                let w = rows.map { Double(classGradients[k][$0]) - Double(classGradients[y][$0]) }
                let squaredNorm = w.reduce(0) { $0 + $1 * $1 }
                guard squaredNorm > 0 else { continue }
                let gap = abs(f[b * classes + k] - f[b * classes + y])
                let distance = gap / squaredNorm.squareRoot()
                if best == nil || distance < best!.distance { best = (distance, gap, w, squaredNorm) }
            }
            // A sample whose logits do not depend on it cannot be moved.
            guard let best else { active[b] = false; continue }
            let factor = (best.gap + 1e-4) / best.squaredNorm
            for (j, i) in rows.enumerated() { total[i] += factor * best.w[j] }
        }
    }
    if let maxNorm {
        for b in 0..<batch {
            let rows = (b * width)..<((b + 1) * width)
            let length = scale * rows.reduce(0) { $0 + total[$1] * total[$1] }.squareRoot()
            if length > maxNorm { for i in rows { total[i] *= maxNorm / length } }
        }
    }
    return withoutGradientRecording { clipped(current(), to: range) }
}
