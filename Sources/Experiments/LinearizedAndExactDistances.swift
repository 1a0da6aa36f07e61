import Margins
import Models
import Tensors

/// Each 2-D point's distance to the boundary of the class the model predicts there, twice:
/// linearised (eq. 7 at the input, `linearizedDistancesToNearestBoundary`) and exact (the
/// search of `exactDistances2D`), kept for the points with a boundary within the search's
/// radius; and how far the two are apart. For a linear classifier they agree up to the
/// search's resolution; for a deep network the linearised one is an estimate.
///
///     let distances = LinearizedAndExactDistances(model: model, points: test.inputs, norm: .l2, maxRadius: 3)
///     distances.largestError                                   // the largest |linearised - exact|
///     Statistics.quantile(distances.relativeErrors, 0.5)       // the median relative error
public struct LinearizedAndExactDistances: Sendable, Equatable {
    /// The linearised distance of each kept point (at least 0).
    public var linearized: [Double]
    /// The exact distance of each kept point, in the same order.
    public var exact: [Double]

    /// The pairs of `linearized` and `exact` distances whose exact distance is finite (a point
    /// with no boundary within the search has none to compare with).
    public init(linearized: [Double], exact: [Double]) {
        guard linearized.count == exact.count else {
            fatalError("\(linearized.count) linearised distances for \(exact.count) exact ones: each point needs both")
        }
        let kept = zip(linearized, exact).filter { $0.1.isFinite }
        self.linearized = kept.map(\.0)
        self.exact = kept.map(\.1)
    }

    /// Both distances of each of `points` ([n, 2]) in `norm`, the exact one searched along
    /// `directions` rays (a multiple of 8 puts the axes and diagonals among them) up to
    /// `maxRadius`.
    public init(model: Sequential<Float>, points: Tensor<Float>, norm: Norm, maxRadius: Double, directions: Int = 360) {
        guard points.rank == 2, points.shape[1] == 2 else {
            fatalError("linearised and exact distances are compared on 2-D points, but the points have shape \(points.shape)")
        }
        let exact = exactDistances2D(of: points, norm: norm, maxRadius: maxRadius, directions: directions) { model($0) }
        self.init(linearized: linearizedDistancesToNearestBoundary(of: points, norm: norm) { model($0) }, exact: exact)
    }

    /// The largest |linearised - exact| over the points (NaN with no point to compare).
    public var largestError: Double {
        zip(linearized, exact).map { Swift.abs($0 - $1) }.max() ?? .nan
    }

    /// Each point's |linearised - exact| / exact, the exact distance floored at 1e-6 (a point
    /// on the boundary).
    public var relativeErrors: [Double] {
        zip(linearized, exact).map { Swift.abs($0 - $1) / Swift.max($1, 1e-6) }
    }

    /// The share of the points whose linearised distance exceeds the exact one by more than
    /// `tolerance` (0 with no point to compare).
    public func overestimatedShare(tolerance: Double) -> Double {
        Double(zip(linearized, exact).filter { $0 > $1 + tolerance }.count) / Double(Swift.max(exact.count, 1))
    }
}
