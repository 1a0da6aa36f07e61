import Models
import Tensors

extension ModelSpec {
    /// Cross-entropy trained as this project's toy baselines are: RMSProp at `learningRate`,
    /// the weight decay chosen on the validation set from `weightDecays`, and early stopping
    /// checked twenty times over the `steps` (every max(1, steps / 20) steps).
    ///
    ///     .crossEntropyChoosingWeightDecay("cross-entropy", network: mlp, steps: 3_000)
    public static func crossEntropyChoosingWeightDecay(
        _ name: String, network: @escaping (inout SeededGenerator) -> Sequential<Float>, steps: Int,
        weightDecays: [Double] = [0, 1e-4, 1e-3], learningRate: Double = 0.01
    ) -> ModelSpec {
        ModelSpec(name, network: network, grid: HyperparameterGrid(["weightDecay": weightDecays])) { point in
            ModelConfiguration(objective: .crossEntropy, optimizer: .rmsProp(learningRate: learningRate), steps: steps,
                               weightDecay: point["weightDecay"], earlyStoppingEvery: Swift.max(1, steps / 20))
        }
    }
}
