/// One primary claim after the run: its test's numbers, its Holm-adjusted p-value and
/// whether it holds (the adjusted p-value is at most the family's alpha).
public struct PrimaryVerdict: Sendable, Equatable {
    public var claim: PrimaryClaim
    public var evaluation: PrimaryEvaluation
    /// The p-value after Holm's adjustment across the family (NaN when the test had no p-value).
    public var holmPValue: Double
    public var holds: Bool

    /// The sentence the verdict chose for the findings (nil when none was stated for it).
    public var finding: String? { holds ? claim.ifHolds : claim.otherwise }
}
