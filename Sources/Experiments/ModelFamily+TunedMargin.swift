import Margins
import Tensors

extension ModelFamily {
    /// The large margin (eq. 10) in `norm` at `layers`, tuned on the validation set as the
    /// baselines are, over the options the paper names: gamma from `gammas` (one for every
    /// layer), cross-entropy added with each weight of `crossEntropyWeights` (footnote 3: "a
    /// weighted sum of margin and cross-entropy facilitates training"; 0: the margin alone),
    /// each term clipped at each factor of `clipFactors` times gamma (Section 4.1: "we found
    /// it beneficial to clip the loss at some threshold"; the released code's alpha is 4; 0:
    /// no clip), and each weight decay of `weightDecays`. The grid is their product, gamma
    /// varying slowest; list the plainer value first in each, since ties go to the earlier point.
    ///
    ///     family.tunedLargeMargin("large margin l2", norm: .l2, gammas: [0.5, 1.5], layers: [-1, 0, 1],
    ///                             crossEntropyWeights: [0, 1], clipFactors: [4], weightDecays: [1e-4])   // 4 points
    public func tunedLargeMargin(
        _ name: String, norm: Norm, gammas: [Double], layers: [Int], crossEntropyWeights: [Double] = [0, 1],
        clipFactors: [Double] = [0, 4], weightDecays: [Double], aggregation: MarginConfiguration.Aggregation = .sum,
        gradient: MarginConfiguration.GradientMode = .firstOrder
    ) -> ModelSpec {
        if let factor = clipFactors.first(where: { $0 != 0 && $0 <= 1 }) {
            fatalError("a margin's clip factor is 0 (no clip) or above 1 (the clip is that times gamma), got \(factor)")
        }
        let grid = HyperparameterGrid(["gamma": gammas, "crossEntropyWeight": crossEntropyWeights, "clipFactor": clipFactors,
                                       "weightDecay": weightDecays])
        return ModelSpec(name, network: network, grid: grid) { point in
            let gamma = point["gamma"], clip = point["clipFactor"]
            let margin = MarginConfiguration(gamma: gamma, norm: norm, aggregation: aggregation, gradient: gradient,
                                             clip: clip > 0 ? clip * gamma : nil, crossEntropyWeight: point["crossEntropyWeight"])
            return configuration(.largeMargin(margin, layers: layers), weightDecay: point["weightDecay"])
        }
    }
}
