import Margins
import Tensors

extension ModelFamily {
    /// The large margin (eq. 10) in `norm` at `layers`, tuned on the validation set as the
    /// baselines are, over the options the paper names: gamma from `gammas` (one for every
    /// layer), the margin alone, with cross-entropy of weight 1 added (footnote 3: "a
    /// weighted sum of margin and cross-entropy facilitates training"), and with each term
    /// clipped at `clipFactor` times gamma (Section 4.1: "we found it beneficial to clip the
    /// loss at some threshold"; the released code's alpha is 4), each at every weight decay of
    /// `weightDecays`. The grid's points name `gamma`, `crossEntropyWeight`, `clipFactor` (0:
    /// no clip) and `weightDecay`; ties go to the margin alone and the smaller gamma.
    ///
    ///     family.tunedLargeMargin("large margin l2", norm: .l2, gammas: [0.5, 1.5], layers: [-1, 0, 1], weightDecays: [1e-4])   // 6 points
    public func tunedLargeMargin(
        _ name: String, norm: Norm, gammas: [Double], layers: [Int], weightDecays: [Double], clipFactor: Double = 4,
        aggregation: MarginConfiguration.Aggregation = .sum, gradient: MarginConfiguration.GradientMode = .firstOrder
    ) -> ModelSpec {
        guard clipFactor > 1 else { fatalError("a margin's clip factor must be above 1 (the clip is that times gamma), got \(clipFactor)") }
        func options(crossEntropyWeight: Double, clipFactor: Double) -> HyperparameterGrid {
            HyperparameterGrid(["gamma": gammas, "crossEntropyWeight": [crossEntropyWeight], "clipFactor": [clipFactor], "weightDecay": weightDecays])
        }
        let grid = options(crossEntropyWeight: 0, clipFactor: 0) + options(crossEntropyWeight: 1, clipFactor: 0)
            + options(crossEntropyWeight: 0, clipFactor: clipFactor)
        return ModelSpec(name, network: network, grid: grid) { point in
            let gamma = point["gamma"], clip = point["clipFactor"]
            let margin = MarginConfiguration(gamma: gamma, norm: norm, aggregation: aggregation, gradient: gradient,
                                             clip: clip > 0 ? clip * gamma : nil, crossEntropyWeight: point["crossEntropyWeight"])
            return configuration(.largeMargin(margin, layers: layers), weightDecay: point["weightDecay"])
        }
    }
}
