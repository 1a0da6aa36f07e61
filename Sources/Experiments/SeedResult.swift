/// One model at one seed: which grid point validation chose, what was measured on it, and
/// the trained parameters (so a notebook can draw or attack the model afterwards).
public struct SeedResult: Codable, Sendable {
    public var model: String
    public var seed: UInt64
    /// The chosen grid point, as text ("weightDecay=0.0001", "-" for a model without a grid).
    public var chosen: String
    /// The validation accuracy of every grid point, in grid order.
    public var validationAccuracyByPoint: [Double]
    /// Every measured quantity by name.
    public var quantities: [String: Double]
    /// The training points' exact signed distances to the boundary, when measured.
    public var trainingMargins: [Double]?
    /// Their linearised (eq. 7) distances, when measured.
    public var linearizedMargins: [Double]?
    /// The chosen model's parameters, flattened, in `forEachParameter` order.
    public var parameters: [[Float]]
    /// The steps the chosen model trained, and the step whose parameters it kept.
    public var steps: Int
    public var keptStep: Int
    /// Wall time of training every grid point and measuring (timing: not reproducible).
    public var seconds: Double
}
