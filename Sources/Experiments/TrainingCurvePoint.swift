import Models

/// One measurement of a model while it trained: after how many epochs (or steps, when the
/// run is not counted in epochs), its accuracy on its training sample (the labels it is
/// trained on, flipped ones included) and on the validation set.
public struct TrainingCurvePoint: Codable, Sendable, Equatable {
    /// Epochs completed (steps / steps per epoch), or steps.
    public var epoch: Double
    public var trainingAccuracy: Double
    public var validationAccuracy: Double

    /// A point; see the properties.
    public init(epoch: Double, trainingAccuracy: Double, validationAccuracy: Double) {
        self.epoch = epoch
        self.trainingAccuracy = trainingAccuracy
        self.validationAccuracy = validationAccuracy
    }

    /// The points of `history`'s measurements that measured a training sample, with steps
    /// turned into epochs by `stepsPerEpoch` (nil: x stays in steps).
    static func curve(of history: TrainingHistory, stepsPerEpoch: Int?) -> [TrainingCurvePoint] {
        history.validationAccuracies.compactMap { measured in
            measured.trainingAccuracy.map {
                TrainingCurvePoint(epoch: Double(measured.step) / Double(stepsPerEpoch ?? 1), trainingAccuracy: $0,
                                   validationAccuracy: measured.accuracy)
            }
        }
    }
}
