import Experiments
import Plotting

extension ExperimentResults {
    /// A model's robustness curve averaged over its seeds, as a series to plot: at epsilon 0
    /// the mean clean test accuracy, at each epsilon the mean of the curve's quantity
    /// `Quantity.robustAccuracy(curve, epsilon:)` (a `RobustnessCurve`'s values).
    ///
    ///     linePlot(series: ["cross-entropy", "large margin"].map {
    ///         results.meanRobustnessSeries($0, curve: "ifgsm_whitebox", epsilons: epsilons)
    ///     }, xLabel: "epsilon", yLabel: "test accuracy")
    ///
    /// - Parameters:
    ///   - model: The model's name.
    ///   - curve: The robustness curve's name.
    ///   - epsilons: The attack sizes the curve was measured at.
    ///   - name: The legend entry; the model's name by default.
    ///   - Other parameters as in `Series`.
    public func meanRobustnessSeries(
        _ model: String, curve: String, epsilons: [Double], name: String? = nil, style: Series.Style = .linesPoints,
        colorIndex: Int? = nil, dashed: Bool = false
    ) -> Series {
        let means = [Quantity.testAccuracy] + epsilons.map { Quantity.robustAccuracy(curve, epsilon: $0) }
        return Series(
            name: name ?? model, xs: [0] + epsilons, ys: means.map { interval($0, of: model).mean }, style: style,
            colorIndex: colorIndex, dashed: dashed)
    }
}
