import Tensors

extension MeasuredQuantity {
    /// How far eq. 7's linearised distance is from the exact one on each seed's test points,
    /// in `norm`: one search per trained model (`LinearizedAndExactDistances`, up to
    /// `maxRadius` along `directions` rays) gives every statistic, each named
    /// "STATISTIC_NORMNAME" ("largest_error_l2"). Smaller is better for all of them.
    ///
    ///     MeasuredQuantity.linearizationErrors([.largestError, .relativeErrorMedian], norm: .l2, normName: "l2", maxRadius: 3)
    public static func linearizationErrors(
        _ statistics: [LinearizationErrorStatistic], norm: Norm, normName: String, maxRadius: Double, directions: Int = 360
    ) -> MeasuredQuantity {
        MeasuredQuantity(statistics.map { "\($0.name)_\(normName)" }, higherIsBetter: false) { model, data in
            let distances = LinearizedAndExactDistances(
                model: model, points: data.test.inputs, norm: norm, maxRadius: maxRadius, directions: directions)
            return statistics.map { $0.value(of: distances) }
        }
    }
}
