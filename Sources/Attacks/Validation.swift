import Tensors

// The checks every attack makes before it starts, so that bad input stops with a sentence
// that names the attack (see `AttackError`).

/// Checks that `inputs` is a non-empty batch [batch, ...] with one label per row, and that no
/// label is negative.
func checkBatch<Scalar>(_ inputs: Tensor<Scalar>, labels: [Int], attack: String) {
    guard inputs.rank >= 1, inputs.shape[0] > 0, !labels.isEmpty else { fail(.emptyBatch(attack: attack)) }
    guard inputs.shape[0] == labels.count else {
        fail(.labelCount(attack: attack, inputs: inputs.shape[0], labels: labels.count))
    }
}

/// Checks that `logits` is [batch, classes] and that every label is one of the classes.
func checkLogits<Scalar>(_ logits: Tensor<Scalar>, labels: [Int], attack: String) {
    guard logits.rank == 2, logits.shape[0] == labels.count else {
        fail(.logitShape(attack: attack, shape: logits.shape, batch: labels.count))
    }
    if let bad = labels.first(where: { $0 < 0 || $0 >= logits.shape[1] }) {
        fail(.labelOutOfRange(attack: attack, label: bad, classCount: logits.shape[1]))
    }
}

/// Checks that a budget (epsilon, a standard deviation, a step) is finite and at least 0.
func checkNonNegative(_ value: Double, name: String, attack: String) {
    guard value >= 0, value.isFinite else {
        fail(.invalidParameter(attack: attack, name: name, value: "\(value)", requirement: ">= 0"))
    }
}

/// Checks that a count (iterations) is at least `minimum`.
func checkCount(_ value: Int, name: String, attack: String, minimum: Int = 0) {
    guard value >= minimum else {
        fail(.invalidParameter(attack: attack, name: name, value: "\(value)", requirement: ">= \(minimum)"))
    }
}

/// `x` limited to `range` when one is given.
func clipped<Scalar>(_ x: Tensor<Scalar>, to range: ClosedRange<Double>?) -> Tensor<Scalar> {
    guard let range else { return x }
    return x.clamped(to: Scalar(range.lowerBound)...Scalar(range.upperBound))
}

/// The axes of one sample: all but the batch axis.
func sampleAxes<Scalar>(of x: Tensor<Scalar>) -> [Int] {
    Array(1..<x.rank)
}

/// The l2 norm of each sample, shaped [batch, 1, ...] so that it broadcasts against `x`.
func sampleNorms<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
    x.norm(.l2, alongAxes: sampleAxes(of: x), keepingDimensions: true)
}

/// Each sample divided by its l2 norm; a zero sample stays zero.
func unitSamples<Scalar>(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
    x / max(sampleNorms(x), Scalar.leastNormalMagnitude)
}
