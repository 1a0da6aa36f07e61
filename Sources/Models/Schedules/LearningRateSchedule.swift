import Foundation

/// The learning rate as a function of the training step (0-based).
public protocol LearningRateSchedule: Sendable {
    func learningRate(atStep step: Int) -> Double
}

/// The same rate at every step.
public struct ConstantLearningRate: LearningRateSchedule {
    public var rate: Double
    public init(_ rate: Double) { self.rate = rate }
    public func learningRate(atStep step: Int) -> Double { rate }
}

/// initial * decayRate^(step / decaySteps): with `.staircase` the exponent is rounded down
/// (the paper's code: 0.96 every 2000 steps), with `.continuous` it is not.
public struct ExponentialDecay: LearningRateSchedule {
    /// Whether the exponent steps or glides.
    public enum Mode: Sendable { case staircase, continuous }
    public var initial: Double
    public var decayRate: Double
    public var decaySteps: Int
    public var mode: Mode

    public init(initial: Double, decayRate: Double, decaySteps: Int, mode: Mode = .staircase) {
        guard decaySteps > 0 else { fatalError("ExponentialDecay needs decaySteps > 0, got \(decaySteps)") }
        self.initial = initial
        self.decayRate = decayRate
        self.decaySteps = decaySteps
        self.mode = mode
    }

    public func learningRate(atStep step: Int) -> Double {
        let exponent = mode == .staircase ? Double(step / decaySteps) : Double(step) / Double(decaySteps)
        return initial * pow(decayRate, exponent)
    }
}

/// initial * factor^(number of boundaries passed): e.g. 0.1 at steps 0..<1000, 0.01 after.
public struct StepDecay: LearningRateSchedule {
    public var initial: Double
    public var factor: Double
    public var boundaries: [Int]

    public init(initial: Double, factor: Double = 0.1, boundaries: [Int]) {
        self.initial = initial
        self.factor = factor
        self.boundaries = boundaries.sorted()
    }

    public func learningRate(atStep step: Int) -> Double {
        initial * pow(factor, Double(boundaries.filter { step >= $0 }.count))
    }
}

/// Cosine decay from `initial` to `final` over `totalSteps` (Loshchilov and Hutter 2017,
/// without restarts), constant at `final` afterwards.
public struct CosineDecay: LearningRateSchedule {
    public var initial: Double
    public var final: Double
    public var totalSteps: Int

    public init(initial: Double, final: Double = 0, totalSteps: Int) {
        guard totalSteps > 0 else { fatalError("CosineDecay needs totalSteps > 0, got \(totalSteps)") }
        self.initial = initial
        self.final = final
        self.totalSteps = totalSteps
    }

    public func learningRate(atStep step: Int) -> Double {
        let t = min(Double(step) / Double(totalSteps), 1)
        return final + (initial - final) * 0.5 * (1 + cos(Double.pi * t))
    }
}
