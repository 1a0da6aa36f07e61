/// One claim declared before the run as primary: its statement, its test, the level of a
/// series it is about (nil for a single experiment), and what each verdict means.
public struct PrimaryClaim: Sendable, Equatable {
    /// The statement, as the notebook words it.
    public var text: String
    public var test: PrimaryTest
    /// The label of the series' level the claim is about ("noise 80%"); nil for a single experiment.
    public var level: String?
    /// The sentence for the findings when the claim holds (after Holm's correction).
    public var ifHolds: String?
    /// The sentence for the findings when it does not.
    public var otherwise: String?
}
