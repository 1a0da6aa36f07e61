import Datasets
import Experiments
import Foundation
import Models
import Tensors
import Testing

/// A linear classifier on the plane with the boundary 1.5 x - 0.5 y + 0.25 = 0 (class 1 on its
/// positive side): eq. 7 and the search must both give the hyperplane distance.
func planeClassifier() -> Sequential<Float> {
    Sequential<Float>([Dense<Float>(weight: Tensor<Float>([[0, 1.5], [0, -0.5]]), bias: Tensor<Float>([0, 0.25]))])
}

/// The four points near the boundary and one (50, 0) with no boundary within a radius of 3.
let planePoints = Tensor<Float>([[0.3, -0.2], [-1.0, 0.4], [0.5, 0.5], [0.1, 2.0], [50, 0]])

/// |1.5 x - 0.5 y + 0.25| / ||(1.5, -0.5)||_q for the four near points.
func planeDistances(_ norm: Norm) -> [Double] {
    let dual: Double = switch norm.dual {
    case .l1: 2
    case .l2: (1.5 * 1.5 + 0.25).squareRoot()
    default: 1.5
    }
    return [(0.3, -0.2), (-1.0, 0.4), (0.5, 0.5), (0.1, 2.0)].map { abs(1.5 * $0.0 - 0.5 * $0.1 + 0.25) / dual }
}

@Suite("Linearised against exact distances")
struct LinearizationErrorTests {
    /// Pairs (1, 0.8), (2, 2), (0.5, 1) and one with no exact distance: errors 0.2, 0, 0.5;
    /// relative errors 0.25, 0, 0.5.
    static let pairs = LinearizedAndExactDistances(linearized: [1, 2, 0.5, 3], exact: [0.8, 2, 1, .infinity])

    @Test("the pairs with a finite exact distance are kept; errors by hand")
    func statisticsByHand() {
        let d = Self.pairs
        #expect(d.linearized == [1, 2, 0.5] && d.exact == [0.8, 2, 1])
        #expect(abs(d.largestError - 0.5) < 1e-12)
        #expect(zip(d.relativeErrors, [0.25, 0, 0.5]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(abs(d.overestimatedShare(tolerance: 0.1) - 1.0 / 3) < 1e-12)   // only 1 > 0.8 + 0.1
        #expect(d.overestimatedShare(tolerance: 0.3) == 0)
        let none = LinearizedAndExactDistances(linearized: [1], exact: [.infinity])
        #expect(none.largestError.isNaN && none.overestimatedShare(tolerance: 0) == 0)
    }

    @Test("each statistic's name and value: the median of (0, 0.25, 0.5) is 0.25, its 90th percentile 0.45")
    func statistics() {
        let cases: [(LinearizationErrorStatistic, String, Double)] = [
            (.largestError, "largest_error", 0.5), (.relativeErrorMedian, "relative_error_median", 0.25),
            (.relativeErrorP90, "relative_error_p90", 0.45), (.overestimatedShare(tolerance: 0.1), "overestimated_share", 1.0 / 3),
        ]
        for (statistic, name, value) in cases {
            #expect(statistic.name == name)
            #expect(abs(statistic.value(of: Self.pairs) - value) < 1e-12, "\(name)")
        }
    }

    @Test("for a linear classifier both distances are the hyperplane's; a point with no boundary in reach is left out",
          arguments: [Norm.l1, .l2, .lInfinity])
    func linearClassifier(norm: Norm) {
        let d = LinearizedAndExactDistances(model: planeClassifier(), points: planePoints, norm: norm, maxRadius: 3, directions: 720)
        let truth = planeDistances(norm)
        #expect(d.exact.count == 4)
        for (found, expected) in zip(d.linearized, truth) { #expect(abs(found - expected) < 1e-5, "linearised \(found), closed form \(expected)") }
        for (found, expected) in zip(d.exact, truth) { #expect(abs(found - expected) < 2e-4, "exact \(found), closed form \(expected)") }
    }

    @Test("the measurement gives every statistic of one comparison, named with the norm, smaller being better")
    func measurement() throws {
        let statistics: [LinearizationErrorStatistic] = [.largestError, .relativeErrorMedian, .overestimatedShare(tolerance: 1e-3)]
        let quantity = MeasuredQuantity.linearizationErrors(statistics, norm: .l2, normName: "l2", maxRadius: 3, directions: 720)
        #expect(quantity.names == ["largest_error_l2", "relative_error_median_l2", "overestimated_share_l2"])
        #expect(quantity.higherIsBetter == [false, false, false])
        let points = try Dataset(inputs: planePoints, labels: [0, 1, 1, 0, 1], classCount: 2)
        let values = quantity.measure(planeClassifier(), SplitData(train: points, validation: points, test: points))
        let direct = LinearizedAndExactDistances(model: planeClassifier(), points: planePoints, norm: .l2, maxRadius: 3, directions: 720)
        #expect(values == statistics.map { $0.value(of: direct) })
        #expect(values[0] < 2e-4 && values[2] == 0)
    }
}
