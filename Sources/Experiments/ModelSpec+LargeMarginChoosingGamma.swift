import Margins
import Models
import Tensors

extension ModelSpec {
    /// The large-margin loss trained the way the toy notebooks compare it with a tuned
    /// baseline: eq. 10 (the largest violation over the other classes) in `norm` at `layers`
    /// (-1 the input, 0... the hidden layers) with the `gradient` mode, plus cross-entropy of
    /// weight `crossEntropyWeight` (0: the pure eq. 10); gamma, one value for every layer,
    /// chosen on the validation set from `gammas`; RMSProp at `learningRate`; early stopping
    /// checked twenty times over the `steps` (every max(1, steps / 20) steps).
    ///
    ///     .largeMarginChoosingGamma("l2, all layers", network: mlp, norm: .l2, layers: [-1, 0, 1, 2, 3],
    ///                               gradient: .exact, gammas: [0.1, 0.3, 1], crossEntropyWeight: 1, steps: 5_000)
    public static func largeMarginChoosingGamma(
        _ name: String, network: @escaping (inout SeededGenerator) -> Sequential<Float>, norm: Norm, layers: [Int],
        gradient: MarginConfiguration.GradientMode, gammas: [Double], crossEntropyWeight: Double, steps: Int,
        learningRate: Double = 0.01
    ) -> ModelSpec {
        ModelSpec(name, network: network, grid: HyperparameterGrid(["gamma": gammas])) { point in
            let margin = MarginConfiguration(gamma: point["gamma"], norm: norm, aggregation: .max, gradient: gradient,
                                             crossEntropyWeight: crossEntropyWeight)
            return ModelConfiguration(objective: .largeMargin(margin, layers: layers), optimizer: .rmsProp(learningRate: learningRate),
                                      steps: steps, earlyStoppingEvery: Swift.max(1, steps / 20))
        }
    }
}
