import Models
import Tensors

/// Which attack, with which settings, as a value: what robust accuracy and adversarial
/// training take, so a caller can pass "PGD in l2 with epsilon 0.5" around (or print it).
///
///     let attack = Attack.pgd(epsilon: 0.3, norm: .lInfinity, seed: 1)
///     let adversarial = attack.perturb(x, labels: y, against: model, clippedTo: 0...1)
///
/// Every case's defaults are its paper's (see the function each case calls). The gradient
/// attacks carry the loss they climb, cross-entropy unless told otherwise:
///
///     Attack.iterativeFGSM(epsilon: 0.1, loss: .logitMargin)   // Carlini and Wagner's margin
public enum Attack: Sendable, Equatable, CustomStringConvertible {
    /// `fgsm(_:inputs:labels:epsilon:clippedTo:loss:)`: x + epsilon sign(grad).
    case fgsm(epsilon: Double, loss: AdversarialLoss = .crossEntropy)
    /// `iterativeFGSM(...)`: Kurakin et al.'s basic iterative method; nil settings follow
    /// `kurakinSchedule(epsilon:clippedTo:)`.
    case iterativeFGSM(epsilon: Double, stepSize: Double? = nil, iterations: Int? = nil, loss: AdversarialLoss = .crossEntropy)
    /// `pgd(...)`: Madry et al.'s projected gradient descent with a random start, in the
    /// `.lInfinity` or `.l2` ball; a nil step size is 2.5 epsilon / iterations.
    case pgd(
        epsilon: Double, norm: Norm = .lInfinity, stepSize: Double? = nil, iterations: Int = 40, seed: UInt64 = 0,
        loss: AdversarialLoss = .crossEntropy)
    /// `deepFool(...)`: the minimal l2 perturbation, optionally limited to `maxNorm`.
    case deepFool(overshoot: Double = 0.02, maxIterations: Int = 50, maxNorm: Double? = nil)
    /// `addingGaussianNoise(...)`: the model-free baseline.
    case gaussianNoise(standardDeviation: Double, seed: UInt64 = 0)
    /// `gridSearch(...)`: every offset of a grid over the l_inf ball, for inputs with few
    /// features; the truth the other attacks can be checked against on toy data.
    case gridSearch(epsilon: Double, pointsPerAxis: Int)

    /// The adversarial versions of `inputs` for `model` (a constant tensor shaped like `inputs`).
    ///
    ///     let crafted = Attack.fgsm(epsilon: 0.1).perturb(x, labels: y, against: model, clippedTo: 0...1)
    ///
    /// - Parameters:
    ///   - inputs: [batch, ...].
    ///   - labels: One class per row.
    ///   - model: Any layer whose output is logits [batch, classes] (unused by `.gaussianNoise`).
    ///   - range: The range of valid inputs; nil leaves the result unclipped.
    public func perturb<Model: Layer>(
        _ inputs: Tensor<Model.Scalar>, labels: [Int], against model: Model, clippedTo range: ClosedRange<Double>? = nil
    ) -> Tensor<Model.Scalar> {
        switch self {
        case let .fgsm(epsilon, loss):
            return Attacks.fgsm(model, inputs: inputs, labels: labels, epsilon: epsilon, clippedTo: range, loss: loss.function())
        case let .iterativeFGSM(epsilon, stepSize, iterations, loss):
            return Attacks.iterativeFGSM(
                model, inputs: inputs, labels: labels, epsilon: epsilon, stepSize: stepSize, iterations: iterations,
                clippedTo: range, loss: loss.function())
        case let .pgd(epsilon, norm, stepSize, iterations, seed, loss):
            return Attacks.pgd(
                model, inputs: inputs, labels: labels, epsilon: epsilon, norm: norm, stepSize: stepSize,
                iterations: iterations, clippedTo: range, seed: seed, loss: loss.function())
        case let .deepFool(overshoot, maxIterations, maxNorm):
            return Attacks.deepFool(
                model, inputs: inputs, labels: labels, overshoot: overshoot, maxIterations: maxIterations,
                maxNorm: maxNorm, clippedTo: range)
        case let .gaussianNoise(standardDeviation, seed):
            checkBatch(inputs, labels: labels, attack: "gaussianNoise")
            return addingGaussianNoise(to: inputs, standardDeviation: standardDeviation, seed: seed, clippedTo: range)
        case let .gridSearch(epsilon, pointsPerAxis):
            return Attacks.gridSearch(
                model, inputs: inputs, labels: labels, epsilon: epsilon, pointsPerAxis: pointsPerAxis, clippedTo: range)
        }
    }

    /// The loss a gradient attack climbs (nil for DeepFool, noise and the grid search).
    ///
    ///     Attack.fgsm(epsilon: 0.1, loss: .logitMargin).loss   // .logitMargin
    public var loss: AdversarialLoss? {
        switch self {
        case let .fgsm(_, loss), let .iterativeFGSM(_, _, _, loss), let .pgd(_, _, _, _, _, loss): return loss
        case .deepFool, .gaussianNoise, .gridSearch: return nil
        }
    }

    /// The size of the attack: epsilon, the noise's standard deviation, or DeepFool's l2
    /// budget (nil when unbounded).
    ///
    ///     Attack.fgsm(epsilon: 0.1).epsilon   // 0.1
    public var epsilon: Double? {
        switch self {
        case let .fgsm(epsilon, _), let .iterativeFGSM(epsilon, _, _, _), let .pgd(epsilon, _, _, _, _, _),
             let .gridSearch(epsilon, _):
            return epsilon
        case let .deepFool(_, _, maxNorm): return maxNorm
        case let .gaussianNoise(standardDeviation, _): return standardDeviation
        }
    }

    /// The same attack with size `epsilon` (see `epsilon`); a nil step size or iteration count
    /// is recomputed for the new size. Robust accuracy sweeps epsilon with it.
    ///
    ///     Attack.pgd(epsilon: 0.1, norm: .l2).withEpsilon(0.5)   // .pgd(epsilon: 0.5, norm: .l2)
    public func withEpsilon(_ epsilon: Double) -> Attack {
        switch self {
        case let .fgsm(_, loss): return .fgsm(epsilon: epsilon, loss: loss)
        case let .iterativeFGSM(_, stepSize, iterations, loss):
            return .iterativeFGSM(epsilon: epsilon, stepSize: stepSize, iterations: iterations, loss: loss)
        case let .pgd(_, norm, stepSize, iterations, seed, loss):
            return .pgd(epsilon: epsilon, norm: norm, stepSize: stepSize, iterations: iterations, seed: seed, loss: loss)
        case let .deepFool(overshoot, maxIterations, _):
            return .deepFool(overshoot: overshoot, maxIterations: maxIterations, maxNorm: epsilon)
        case let .gaussianNoise(_, seed): return .gaussianNoise(standardDeviation: epsilon, seed: seed)
        case let .gridSearch(_, pointsPerAxis): return .gridSearch(epsilon: epsilon, pointsPerAxis: pointsPerAxis)
        }
    }

    /// The attack's name without its settings: "FGSM", "iterative FGSM", "PGD l_inf",
    /// "PGD l2", "DeepFool l2", "Gaussian noise" or "grid search l_inf".
    ///
    ///     Attack.pgd(epsilon: 0.3).name   // "PGD l_inf"
    public var name: String {
        switch self {
        case .fgsm: return "FGSM"
        case .iterativeFGSM: return "iterative FGSM"
        case let .pgd(_, norm, _, _, _, _): return "PGD \(norm)"
        case .deepFool: return "DeepFool l2"
        case .gaussianNoise: return "Gaussian noise"
        case .gridSearch: return "grid search l_inf"
        }
    }

    /// A short name with the settings, such as "PGD l_inf (epsilon 0.3, 40 iterations, seed 0)";
    /// a loss other than cross-entropy is named last ("FGSM (epsilon 0.1, on the logit margin)").
    public var description: String {
        let onLoss = loss.map { $0 == .crossEntropy ? "" : ", on the \($0)" } ?? ""
        switch self {
        case let .fgsm(epsilon, _):
            return "FGSM (epsilon \(epsilon)\(onLoss))"
        case let .iterativeFGSM(epsilon, stepSize, iterations, _):
            let step = stepSize.map { "step \($0)" } ?? "Kurakin's step"
            let count = iterations.map { "\($0) iterations" } ?? "Kurakin's iterations"
            return "iterative FGSM (epsilon \(epsilon), \(step), \(count)\(onLoss))"
        case let .pgd(epsilon, norm, stepSize, iterations, seed, _):
            let step = stepSize.map { "step \($0)" } ?? "step 2.5 epsilon / iterations"
            return "PGD \(norm) (epsilon \(epsilon), \(step), \(iterations) iterations, seed \(seed)\(onLoss))"
        case let .deepFool(overshoot, maxIterations, maxNorm):
            let budget = maxNorm.map { ", l2 budget \($0)" } ?? ""
            return "DeepFool l2 (overshoot \(overshoot), at most \(maxIterations) iterations\(budget))"
        case let .gaussianNoise(standardDeviation, seed):
            return "Gaussian noise (standard deviation \(standardDeviation), seed \(seed))"
        case let .gridSearch(epsilon, pointsPerAxis):
            return "grid search l_inf (epsilon \(epsilon), \(pointsPerAxis) points per axis)"
        }
    }
}
