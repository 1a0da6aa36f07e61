import Datasets
import Foundation
import Margins
import Models
import SeedStatistics
import Tensors

/// How the training points' distances to the decision boundary are measured on 2-D data:
/// exactly, by search (`exactDistances2D`), and by the linearisation of eq. 7 at the input.
///
/// Distances are signed: positive for a point its model classifies correctly, negative for
/// one on the wrong side. A point with no boundary within `maxRadius` counts as `maxRadius`.
public struct TrainingMarginMeasurement: Sendable, Equatable {
    /// The norm distances are measured in (the linearisation divides by its dual).
    public var norm: Norm
    /// How far the search looks.
    public var maxRadius: Double
    /// Rays per point.
    public var directions: Int
    /// Steps along each ray before bisection.
    public var steps: Int

    /// The search's settings; the defaults resolve a margin of 0.01 on the unit-scale toy data.
    public init(norm: Norm = .l2, maxRadius: Double = 2, directions: Int = 360, steps: Int = 64) {
        self.norm = norm
        self.maxRadius = maxRadius
        self.directions = directions
        self.steps = steps
    }

    /// The exact and linearised signed distances of each of `data`'s points.
    func measure(_ model: Sequential<Float>, on data: LabeledBatch<Float>) -> (exact: [Double], linearized: [Double]) {
        guard data.inputs.rank == 2, data.inputs.shape[1] == 2 else {
            fatalError("training margins are measured on 2-D points, but the data's points have shape \(Array(data.inputs.shape.dropFirst()))")
        }
        let predicted = withoutGradientRecording { model(data.inputs).argmax(alongAxis: 1) }
        let distances = exactDistances2D(
            of: data.inputs, norm: norm, maxRadius: maxRadius, directions: directions, steps: steps) { model($0) }
        let exact = zip(zip(distances, predicted), data.labels).map { pair, label in
            Swift.min(pair.0, maxRadius) * (pair.1 == label ? 1 : -1)
        }
        // Eq. 7 at the input, to the nearest boundary of each point's label (signed like `exact`).
        let linearized = linearizedDistancesToNearestBoundary(of: data.inputs, labels: data.labels, norm: norm) { model($0) }
        return (exact, linearized)
    }

    /// Each training point's fair share in this measurement's norm (Margins' `fairShares`, in
    /// double precision): half its distance to the nearest point of `data` of another class.
    ///
    ///     // points (0, 0) and (3, 0) of class 0, (0, 1) and (5, 0) of class 1:
    ///     TrainingMarginMeasurement().fairShares(of: data)   // [0.5, 1, 0.5, 1]
    public func fairShares(of data: Dataset<Float>) -> [Double] {
        fairShares(inputs: data.inputs, labels: data.labels)
    }

    func fairShares(inputs: Tensor<Float>, labels: [Int]) -> [Double] {
        guard inputs.rank == 2 else { fatalError("fair shares are measured between points of shape [n, d], got \(inputs.shape)") }
        return Margins.fairShares(of: inputs.scalars.map(Double.init), dimension: inputs.shape[1], labels: labels, norm: norm)
    }

    /// The ceiling and fair-share quantities of one model's exact margins (`Quantity.trainMarginCeiling`,
    /// `.trainMarginMinShare`, `.fairShareP10`, `.trainMarginP10Share`), from the training set's
    /// fair shares. A value that is not a finite number (one class: no ceiling; a ceiling of 0:
    /// the same point in two classes) is left out, so it reads as NaN and is null in the
    /// results file (a run's result crosses its pipe as JSON, which has no NaN).
    static func shareQuantities(exact: [Double], fairShares: [Double]) -> [String: Double] {
        guard let smallest = exact.min(), let ceiling = fairShares.min(), ceiling.isFinite else { return [:] }
        let fairP10 = Statistics.quantile(fairShares, 0.1)
        let values = [
            Quantity.trainMarginCeiling: ceiling,
            Quantity.trainMarginMinShare: smallest / ceiling,
            Quantity.fairShareP10: fairP10,
            Quantity.trainMarginP10Share: Statistics.quantile(exact, 0.1) / fairP10,
        ]
        return values.filter { $0.value.isFinite }
    }
}
