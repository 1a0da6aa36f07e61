import Foundation
import Models
import Tensors

/// Accuracy under attack at several attack sizes: the robustness curve of a model.
///
/// White-box: the examples are crafted on the model that is scored. Black-box (transfer):
/// they are crafted on a source model and scored on the target (Papernot et al. 2017).
///
///     let curve = robustAccuracy(of: model, on: test, under: .fgsm(epsilon: 0), epsilons: [0, 0.1, 0.2])
///     print(curve)
///     // white-box accuracy under FGSM
///     //   epsilon  accuracy
///     //   0        0.9850
///     //   0.1      0.8120
///     //   0.2      0.4630
public struct RobustAccuracy: Sendable, Equatable, CustomStringConvertible {
    /// Where the adversarial examples come from.
    public enum Setting: Sendable, Equatable {
        /// Crafted on the model that is scored.
        case whiteBox
        /// Crafted on another (source) model and scored on the target.
        case blackBox
    }

    /// The accuracy at one attack size.
    public struct Point: Sendable, Equatable, CustomStringConvertible {
        public var epsilon: Double
        /// The fraction of the data classified correctly after the attack, in [0, 1].
        public var accuracy: Double

        public init(epsilon: Double, accuracy: Double) {
            self.epsilon = epsilon
            self.accuracy = accuracy
        }

        public var description: String { "epsilon \(epsilon): accuracy \(String(format: "%.4f", accuracy))" }
    }

    /// The attack as given (its own size is replaced by each point's epsilon).
    public var attack: Attack
    public var setting: Setting
    /// One point per epsilon, in the order asked for.
    public var points: [Point]

    public init(attack: Attack, setting: Setting, points: [Point]) {
        self.attack = attack
        self.setting = setting
        self.points = points
    }

    /// The accuracies, in the order of `points`.
    public var accuracies: [Double] { points.map(\.accuracy) }

    /// A heading and a two-column table.
    public var description: String {
        let heading = "\(setting == .whiteBox ? "white-box" : "black-box") accuracy under \(attack.name)"
        let epsilons = points.map { $0.epsilon == 0 ? "0" : "\($0.epsilon)" }
        let width = max(7, epsilons.map(\.count).max() ?? 0)
        func padded(_ text: String) -> String { text + String(repeating: " ", count: width - text.count) }
        let rows = zip(epsilons, points).map { "  \(padded($0))  \(String(format: "%.4f", $1.accuracy))" }
        return ([heading, "  \(padded("epsilon"))  accuracy"] + rows).joined(separator: "\n")
    }
}

/// White-box robust accuracy: for each epsilon, the accuracy of `model` on `data` after
/// `attack.withEpsilon(epsilon)` crafted on `model` itself:
///
///     accuracy(eps) = (1/N) sum_i [argmax f(x_i + delta_i(eps)) = y_i]
///
///     let curve = robustAccuracy(of: model, on: test, under: .pgd(epsilon: 0, norm: .l2), epsilons: [0, 0.25, 0.5])
///     curve.accuracies   // non-increasing for a strong attack
///
/// - Parameters:
///   - model: Any layer whose output is logits [batch, classes].
///   - data: The labelled inputs to attack.
///   - attack: The attack; its size is replaced by each epsilon (see `Attack.withEpsilon`).
///   - epsilons: The attack sizes, each >= 0.
///   - range: The range of valid inputs; nil leaves crafted inputs unclipped.
///   - chunkSize: Examples are crafted this many at a time.
public func robustAccuracy<Model: Layer>(
    of model: Model, on data: LabeledBatch<Model.Scalar>, under attack: Attack, epsilons: [Double],
    clippedTo range: ClosedRange<Double>? = nil, chunkSize: Int = 1024
) -> RobustAccuracy {
    robustAccuracy(
        of: model, craftedOn: model, on: data, under: attack, epsilons: epsilons, clippedTo: range, chunkSize: chunkSize,
        setting: .whiteBox)
}

/// Black-box (transfer) robust accuracy: for each epsilon, the accuracy of `target` on
/// examples crafted by `attack.withEpsilon(epsilon)` against `source`.
///
///     let curve = robustAccuracy(of: target, craftedOn: source, on: test, under: .fgsm(epsilon: 0), epsilons: [0, 0.1])
///
/// - Parameters:
///   - target: The model that is scored.
///   - source: The model the examples are crafted on (a surrogate of the same input shape).
///   - data: The labelled inputs to attack.
///   - attack: The attack; its size is replaced by each epsilon.
///   - epsilons: The attack sizes, each >= 0.
///   - range: The range of valid inputs; nil leaves crafted inputs unclipped.
///   - chunkSize: Examples are crafted this many at a time.
public func robustAccuracy<Target: Layer, Source: Layer>(
    of target: Target, craftedOn source: Source, on data: LabeledBatch<Target.Scalar>, under attack: Attack,
    epsilons: [Double], clippedTo range: ClosedRange<Double>? = nil, chunkSize: Int = 1024
) -> RobustAccuracy where Source.Scalar == Target.Scalar {
    robustAccuracy(
        of: target, craftedOn: source, on: data, under: attack, epsilons: epsilons, clippedTo: range, chunkSize: chunkSize,
        setting: .blackBox)
}

private func robustAccuracy<Target: Layer, Source: Layer>(
    of target: Target, craftedOn source: Source, on data: LabeledBatch<Target.Scalar>, under attack: Attack,
    epsilons: [Double], clippedTo range: ClosedRange<Double>?, chunkSize: Int, setting: RobustAccuracy.Setting
) -> RobustAccuracy where Source.Scalar == Target.Scalar {
    let name = "robustAccuracy"
    for epsilon in epsilons { checkNonNegative(epsilon, name: "epsilon", attack: name) }
    checkCount(chunkSize, name: "chunkSize", attack: name, minimum: 1)
    checkBatch(data.inputs, labels: data.labels, attack: name)
    let count = data.labels.count
    // An interrupt (`TrainingStop`) ends the sweep: the epsilons measured in full are kept.
    var points: [RobustAccuracy.Point] = []
    for epsilon in epsilons {
        if TrainingStop.isRequested { break }
        let sized = attack.withEpsilon(epsilon)
        var correct = 0
        for start in stride(from: 0, to: count, by: chunkSize) {
            let end = min(start + chunkSize, count)
            let labels = Array(data.labels[start..<end])
            let crafted = sized.perturb(
                data.inputs.slicing(axis: 0, range: start..<end), labels: labels, against: source, clippedTo: range)
            let predictions = constantLogits(of: target, on: crafted).argmax(alongAxis: 1)
            correct += zip(predictions, labels).filter { $0 == $1 }.count
        }
        if TrainingStop.isRequested { break }  // this epsilon's attacks were cut short
        points.append(RobustAccuracy.Point(epsilon: epsilon, accuracy: Double(correct) / Double(count)))
    }
    return RobustAccuracy(attack: attack, setting: setting, points: points)
}
