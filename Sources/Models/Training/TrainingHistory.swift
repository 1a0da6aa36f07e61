import Foundation

/// Accuracy measured during training.
public struct Evaluation: Sendable, Equatable {
    /// The number of steps completed when it was measured.
    public var step: Int
    public var trainingAccuracy: Double
    /// Accuracy on the held-out data, if any was given.
    public var testAccuracy: Double?
}

/// The validation accuracy early stopping measured after `step` steps.
public struct ValidationAccuracy: Sendable, Equatable {
    public var step: Int
    public var accuracy: Double
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
