import Tensors

/// Softmax cross-entropy, averaged over the batch: mean_i -log softmax(logits_i)[labels_i].
///
///     softmaxCrossEntropy(logits: Tensor<Float>([[0, 0]]), labels: [1])   // log 2
///
/// - Parameters:
///   - logits: [batch, classes] unnormalised scores.
///   - labels: One class index per row, each in 0..<classes.
public func softmaxCrossEntropy<Scalar>(logits: Tensor<Scalar>, labels: [Int]) -> Tensor<Scalar> {
    checkClassificationBatch(logits: logits, labels: labels, loss: "softmaxCrossEntropy")
    let picked = logSoftmax(logits, alongAxis: 1) * Tensor(oneHot: labels, classCount: logits.shape[1])
    return -picked.sum() / Scalar(labels.count)
}

/// Checks that `logits` is [batch, classes] with one label in range per row.
func checkClassificationBatch<Scalar>(logits: Tensor<Scalar>, labels: [Int], loss: String) {
    guard logits.rank == 2 else { fatalError("\(loss) needs logits of shape [batch, classes], got \(logits.shape)") }
    guard logits.shape[0] == labels.count else {
        fatalError("\(loss) got \(logits.shape[0]) rows of logits but \(labels.count) labels")
    }
    guard !labels.isEmpty else { fatalError("\(loss) got an empty batch") }
    if let bad = labels.first(where: { $0 < 0 || $0 >= logits.shape[1] }) {
        fatalError("\(loss): label \(bad) is out of range for \(logits.shape[1]) classes")
    }
}

/// Mean squared error: mean((predicted - expected)^2) over all elements.
public func meanSquaredError<Scalar>(predicted: Tensor<Scalar>, expected: Tensor<Scalar>) -> Tensor<Scalar> {
    guard predicted.shape == expected.shape else {
        fatalError(ShapeError.mismatch(operation: "meanSquaredError", lhs: predicted.shape, rhs: expected.shape).description)
    }
    let difference = predicted - expected
    return (difference * difference).mean()
}

/// The fraction of rows whose largest logit is at the label.
public func accuracy<Scalar>(logits: Tensor<Scalar>, labels: [Int]) -> Double {
    checkClassificationBatch(logits: logits, labels: labels, loss: "accuracy")
    let predictions = logits.argmax(alongAxis: 1)
    return Double(zip(predictions, labels).filter { $0 == $1 }.count) / Double(labels.count)
}
