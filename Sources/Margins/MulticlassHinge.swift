import Tensors

/// The multi-class hinge loss (Weston and Watkins 1999), as PyTorch's multi_margin_loss:
/// mean over the batch of sum_{i != y} max(0, margin - f_y + f_i) / classes.
///
///     multiclassHinge(logits: Tensor<Float>([[2, 0]]), labels: [0])   // 0 (margin 1 met)
public func multiclassHinge<Scalar>(logits: Tensor<Scalar>, labels: [Int], margin: Scalar = 1) -> Tensor<Scalar> {
    guard logits.rank == 2, logits.shape[0] == labels.count, !labels.isEmpty else {
        fatalError("multiclassHinge needs logits [batch, classes] with one label per row, got \(logits.shape) and \(labels.count) labels")
    }
    let classes = logits.shape[1]
    let labelHot = Tensor<Scalar>(oneHot: labels, classCount: classes)
    let labelScore = (logits * labelHot).sum(alongAxes: [1], keepingDimensions: true)
    let terms = relu(logits - labelScore + margin) * (1 - labelHot)
    return terms.sum() / Scalar(labels.count * classes)
}
