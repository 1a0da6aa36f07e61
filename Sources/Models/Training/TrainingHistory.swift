import Foundation

/// Accuracy measured during training.
public struct Evaluation: Sendable, Equatable {
    /// The number of steps completed when it was measured.
    public var step: Int
    public var trainingAccuracy: Double
    /// Accuracy on the held-out data, if any was given.
    public var testAccuracy: Double?
}

/// The validation accuracy early stopping measured after `step` steps, and the accuracy on
/// its training sample when it has one.
public struct ValidationAccuracy: Sendable, Equatable {
    public var step: Int
    public var accuracy: Double
    public var trainingAccuracy: Double? = nil
}

/// What a training run did: the loss of every step, the evaluations, and how it ended.
public struct TrainingHistory: Sendable {
    /// The loss at each completed step.
    public var losses: [Double] = []
    public var evaluations: [Evaluation] = []
    /// Whether the run ended early because `TrainingStop` was requested.
    public var stoppedEarly = false
    public var wallSeconds = 0.0
    /// With early stopping: the validation accuracy at each measurement (step 0 first).
    public var validationAccuracies: [ValidationAccuracy] = []
    /// With early stopping: the step whose parameters the model was left with.
    public var bestStep: Int?
    /// With early stopping: whether training stopped because patience ran out.
    public var stoppedByPatience = false

    public init() {}

    /// Steps completed.
    public var steps: Int { losses.count }
    /// The last evaluation, if any.
    public var final: Evaluation? { evaluations.last }
}

extension TrainingHistory: CustomStringConvertible {
    /// The run in one line, so `print(history)` is short however long the run was:
    /// "TrainingHistory: 10000 steps, final loss 0.002959, 2.29 s (4369 steps/s), 100
    /// evaluations, last at step 10000: train acc 0.9900, test acc 0.9850". The losses and
    /// evaluations themselves are `losses` and `evaluations`.
    public var description: String {
        var line = summary
        if let last = evaluations.last {
            line += ", \(evaluations.count) evaluation\(evaluations.count == 1 ? "" : "s"), last at step \(last.step): "
                + "train acc \(String(format: "%.4f", last.trainingAccuracy))"
            if let test = last.testAccuracy { line += ", test acc \(String(format: "%.4f", test))" }
        }
        return line
    }

    /// "TrainingHistory: 10000 steps, final loss 0.002959, 2.29 s (4369 steps/s)", and
    /// ", stopped early" when it was.
    public var summary: String {
        var line = "TrainingHistory: \(steps) steps"
        if let last = losses.last { line += ", final loss \(formatted(last == 0 ? 0 : last, 4))" }  // not "-0"
        if wallSeconds > 0 {
            line += ", \(formatted(wallSeconds, 3)) s"
            if steps > 0 { line += " (\(Int((Double(steps) / wallSeconds).rounded())) steps/s)" }
        }
        if stoppedEarly { line += ", stopped early" }
        return line
    }
}

/// A snapshot reported while training runs.
public struct TrainingProgress: Sendable, CustomStringConvertible {
    public var step: Int
    public var totalSteps: Int
    /// The mean loss over the steps since the previous report.
    public var loss: Double
    public var learningRate: Double
    public var stepsPerSecond: Double
    /// Set when an evaluation was made at this step.
    public var evaluation: Evaluation?

    public var description: String {
        var line = "step \(step)/\(totalSteps)  loss \(formatted(loss, 4))  lr \(formatted(learningRate, 5))  \(Int(stepsPerSecond.rounded())) steps/s"
        if let evaluation {
            line += "  train acc \(formatted(evaluation.trainingAccuracy, 4))"
            if let test = evaluation.testAccuracy { line += "  test acc \(formatted(test, 4))" }
        }
        return line
    }
}

/// `value` with `digits` significant digits ("0.01234", "1.264e-09").
func formatted(_ value: Double, _ digits: Int) -> String {
    String(format: "%.\(digits)g", value)
}
