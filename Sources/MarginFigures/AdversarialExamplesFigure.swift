import Attacks
import Datasets
import Models
import Plotting
import Tensors

/// Adversarial examples of an image classifier: `attack` crafted on `model` for `images`,
/// shown as `adversarialGrid` shows them: each column the original (captioned with its
/// class), the adversarial image (captioned with the class the model now predicts, in
/// inference mode) and the perturbation, -epsilon black and +epsilon white.
///
///     try adversarialExamplesFigure(model: model, images: test.subset(Array(0..<8)),
///                                   attack: .iterativeFGSM(epsilon: 0.1, loss: .logitMargin),
///                                   classNames: fashion.classNames, clippedTo: 0...1, title: "iterative FGSM, epsilon 0.1")
///
/// - Parameters:
///   - model: The classifier, logits [batch, classes].
///   - images: The images attacked, with their labels.
///   - attack: The attack, with its size (`Attack.epsilon`, which the perturbation's
///     shading spans; the largest perturbation when the attack has no size).
///   - classNames: The caption of each class.
///   - range: The range of valid pixels; nil leaves the crafted images unclipped.
///   - title: The figure's title.
/// - Throws: `ImageGridError` when the images cannot be drawn as a grid.
public func adversarialExamplesFigure<Model: Layer>(
    model: Model, images: Dataset<Float>, attack: Attack, classNames: [String], clippedTo range: ClosedRange<Double>? = nil,
    title: String = ""
) throws -> Figure where Model.Scalar == Float {
    let crafted = attack.perturb(images.inputs, labels: images.labels, against: model, clippedTo: range)
    let predicted = withoutGradientRecording { withLearningPhase(.inference) { model(crafted).argmax(alongAxis: 1) } }
    func caption(_ label: Int) -> String { classNames.indices.contains(label) ? classNames[label] : "class \(label)" }
    return try adversarialGrid(
        original: images.inputs, adversarial: crafted, labels: images.labels.map(caption),
        adversarialLabels: predicted.map(caption), epsilon: attack.epsilon.flatMap { $0 > 0 ? $0 : nil }, title: title)
}
