/// How far one robustness curve rises above another: the largest difference of their
/// accuracies, `curve` minus `baseline`, over the epsilons both measure. It is how an attack is
/// checked: against the exhaustive search, which no attack should beat (an attack reporting
/// more accuracy missed perturbations that exist), or a white-box attack against a
/// black-box one, which should not be weaker (a sign of gradient masking). Lower is better.
///
///     RobustnessExcess("attack_excess_ifgsm", of: "ifgsm_whitebox", over: "exhaustive")
public struct RobustnessExcess {
    /// The quantity's name.
    public var name: String
    /// The curve whose accuracy should not be higher.
    public var curve: String
    /// The curve it is compared with.
    public var baseline: String

    /// The excess of the curve named `curve` over the one named `baseline`, saved as `name`.
    public init(_ name: String, of curve: String, over baseline: String) {
        guard !name.isEmpty else { fatalError("a robustness excess needs a name") }
        self.name = name
        self.curve = curve
        self.baseline = baseline
    }

    /// max over the shared epsilons of curve - baseline, from each curve's (epsilon, accuracy) points.
    func value(curve points: [(epsilon: Double, accuracy: Double)], baseline: [(epsilon: Double, accuracy: Double)]) -> Double {
        let differences = points.compactMap { point in
            baseline.first { $0.epsilon == point.epsilon }.map { point.accuracy - $0.accuracy }
        }
        return differences.max() ?? .nan
    }
}
