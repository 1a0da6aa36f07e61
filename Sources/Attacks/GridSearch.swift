import Models
import Tensors

/// An exhaustive search of the l_inf ball on a grid, for inputs with few features (2-D toy
/// data), where no attack has to be trusted: every offset of the grid G_epsilon of
/// `pointsPerAxis` values per feature covering [-epsilon, epsilon]^d, corners included, is
/// tried, and each sample is returned at the first offset (features in order, the last
/// fastest) that the model misclassifies, or at the grid's first corner when it classifies
/// every offset correctly. The accuracy on the result is therefore
///
///     acc_grid(epsilon) = (1/N) sum_n [ argmax_c f_c(x_n + delta) = y_n for all delta in G_epsilon ]
///
/// an upper bound on the true robust accuracy that tightens as the grid grows finer (a thin
/// sliver of another class can fall between its points). It costs one forward pass of the
/// batch per offset: `pointsPerAxis`^d of them, so it is refused past a million.
///
///     let adversarial = gridSearch(model, inputs: x, labels: y, epsilon: 0.1, pointsPerAxis: 15)
///     accuracy(of: model, on: LabeledBatch(inputs: adversarial, labels: y))   // acc_grid(0.1)
///
/// - Parameters:
///   - model: Any layer whose output is logits [batch, classes].
///   - inputs: [batch, ...] with few features per sample.
///   - labels: One class per row.
///   - epsilon: The half-width of the searched square (cube), >= 0.
///   - pointsPerAxis: Grid values per feature, >= 2 (odd counts include the clean input).
///   - range: The range of valid inputs, applied to every tried point; nil: unclipped.
/// - Returns: The points found, a constant tensor shaped like `inputs`.
public func gridSearch<Model: Layer>(
    _ model: Model, inputs: Tensor<Model.Scalar>, labels: [Int], epsilon: Double, pointsPerAxis: Int,
    clippedTo range: ClosedRange<Double>? = nil
) -> Tensor<Model.Scalar> {
    typealias Scalar = Model.Scalar
    let name = "gridSearch"
    checkNonNegative(epsilon, name: "epsilon", attack: name)
    checkCount(pointsPerAxis, name: "pointsPerAxis", attack: name, minimum: 2)
    checkBatch(inputs, labels: labels, attack: name)
    let x = inputs.withoutDerivative()
    let features = x.count / labels.count
    let offsetCount = gridPointCount(pointsPerAxis: pointsPerAxis, features: features)
    let values = (0..<pointsPerAxis).map { Scalar(epsilon * (2 * Double($0) / Double(pointsPerAxis - 1) - 1)) }
    // The offset of grid point `index`: one value per feature, the last feature fastest.
    func digits(_ index: Int) -> [Scalar] {
        var digits = [Scalar](repeating: 0, count: features)
        var rest = index
        for feature in stride(from: features - 1, through: 0, by: -1) {
            digits[feature] = values[rest % pointsPerAxis]
            rest /= pointsPerAxis
        }
        return digits
    }
    let sampleShape = Array(x.shape.dropFirst())
    var found = [Int?](repeating: nil, count: labels.count)
    for index in 0..<offsetCount {
        if TrainingStop.isRequested { break }  // an interrupt: return what was found so far
        let tried = clipped(x + Tensor(shape: [1] + sampleShape, scalars: digits(index)), to: range)
        let logits = constantLogits(of: model, on: tried)
        if index == 0 { checkLogits(logits, labels: labels, attack: name) }
        for (row, predicted) in logits.argmax(alongAxis: 1).enumerated() where found[row] == nil && predicted != labels[row] {
            found[row] = index
        }
    }
    var scalars = x.scalars
    for row in 0..<labels.count {
        for (feature, value) in digits(found[row] ?? 0).enumerated() { scalars[row * features + feature] += value }
    }
    return clipped(Tensor(shape: x.shape, scalars: scalars), to: range)
}

/// pointsPerAxis^features, refused past a million grid points.
func gridPointCount(pointsPerAxis: Int, features: Int) -> Int {
    var count = 1
    for _ in 0..<features {
        count *= pointsPerAxis
        guard count <= 1_000_000 else {
            fail(.invalidParameter(
                attack: "gridSearch", name: "pointsPerAxis", value: "\(pointsPerAxis)",
                requirement: "small enough that pointsPerAxis^features (\(features) features) is at most 1,000,000"))
        }
    }
    return count
}
