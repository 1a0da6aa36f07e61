/// One model at one seed: which grid point validation chose, what was measured on it, and
/// the trained parameters and state (so a notebook can draw or attack the model afterwards).
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
    /// The chosen model's state (batch norm's running averages), flattened, in `forEachState`
    /// order, taken with `parameters` (with early stopping: at the kept step). Empty for a
    /// network without state, and for a result decoded from JSON written before state was
    /// recorded.
    public var state: [[Float]]
    /// The steps the chosen model trained, and the step whose parameters it kept.
    public var steps: Int
    public var keptStep: Int
    /// Wall time of training every grid point and measuring (timing: not reproducible).
    public var seconds: Double
    /// The chosen model's training and validation accuracy while it trained (empty when its
    /// configuration measured no training sample).
    public var trainingCurve: [TrainingCurvePoint] = []
}

extension SeedResult {
    /// Decodes a result; a missing "state" or "trainingCurve" (JSON written before they were
    /// recorded) reads as none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        model = try container.decode(String.self, forKey: .model)
        seed = try container.decode(UInt64.self, forKey: .seed)
        chosen = try container.decode(String.self, forKey: .chosen)
        validationAccuracyByPoint = try container.decode([Double].self, forKey: .validationAccuracyByPoint)
        quantities = try container.decode([String: Double].self, forKey: .quantities)
        trainingMargins = try container.decodeIfPresent([Double].self, forKey: .trainingMargins)
        linearizedMargins = try container.decodeIfPresent([Double].self, forKey: .linearizedMargins)
        parameters = try container.decode([[Float]].self, forKey: .parameters)
        state = try container.decodeIfPresent([[Float]].self, forKey: .state) ?? []
        steps = try container.decode(Int.self, forKey: .steps)
        keptStep = try container.decode(Int.self, forKey: .keptStep)
        seconds = try container.decode(Double.self, forKey: .seconds)
        trainingCurve = try container.decodeIfPresent([TrainingCurvePoint].self, forKey: .trainingCurve) ?? []
    }
}
