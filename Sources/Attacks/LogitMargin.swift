import Models
import Tensors

/// The logit margin of Carlini and Wagner (2017, "Towards evaluating the robustness of
/// neural networks", their f_6 without the confidence bound), summed over the batch:
///
///     J(f(x), y) = sum_n ( max_{i != y_n} f_i(x_n) - f_{y_n}(x_n) )
///
/// A sample's term is positive exactly when it is misclassified. Its gradient,
/// grad f_{i*} - grad f_y with i* the best other class, does not shrink as the logits grow
/// apart, where the cross-entropy's gradient underflows to zero once the softmax saturates
/// (gradient masking): the loss to attack a model trained for distance with.
///
///     logitMargin(logits: Tensor([[2, 0.5, 1]]), labels: [0])   // 1 - 2 = -1
///     fgsm(model, inputs: x, labels: y, epsilon: 0.1, loss: { logitMargin(logits: $0, labels: $1) })
///
/// - Parameters:
///   - logits: [batch, classes], at least two classes.
///   - labels: One class per row.
/// - Returns: A scalar tensor.
public func logitMargin<Scalar>(logits: Tensor<Scalar>, labels: [Int]) -> Tensor<Scalar> {
    checkLogits(logits, labels: labels, attack: "logitMargin")
    guard logits.shape[1] >= 2 else {
        fail(.invalidParameter(attack: "logitMargin", name: "classes", value: "\(logits.shape[1])", requirement: ">= 2"))
    }
    let labelHot = Tensor<Scalar>(oneHot: labels, classCount: logits.shape[1])
    let own = (logits * labelHot).sum(alongAxes: [1], keepingDimensions: true)
    // The own class is pushed far below every other before the maximum is taken.
    let bestOther = (logits - Scalar(1e30) * labelHot).max(alongAxes: [1], keepingDimensions: true)
    return (bestOther - own).sum()
}
