import Tensors
import Models

/// Which optimiser trains a model, with its learning rate; weight decay is set on the
/// model's configuration.
public enum OptimizerSettings: Sendable, Equatable {
    /// RMSProp in TensorFlow's form (the paper's choice) with this learning rate.
    case rmsProp(learningRate: Double)
    /// Adam with this learning rate.
    case adam(learningRate: Double)
    /// Stochastic gradient descent with this learning rate and momentum.
    case sgd(learningRate: Double, momentum: Double)

    /// Trains `model` with this optimiser and L2 weight decay `weightDecay`.
    func train(
        _ model: inout Sequential<Float>, weightDecay: Double, data: LabeledBatch<Float>, options: TrainingOptions,
        loss: (Sequential<Float>, LabeledBatch<Float>) -> Tensor<Float>,
        batchTransform: ((Sequential<Float>, LabeledBatch<Float>) -> LabeledBatch<Float>)?,
        earlyStopping: EarlyStopping<Float>?, watch: TrainingWatch<Sequential<Float>>? = nil
    ) -> TrainingHistory {
        func run<O: Optimizer>(_ optimizer: O) -> TrainingHistory where O.Scalar == Float {
            var optimizer = optimizer
            return Models.train(
                &model, optimizer: &optimizer, inputs: data.inputs, labels: data.labels, options: options, loss: loss,
                batchTransform: batchTransform, earlyStopping: earlyStopping, watch: watch)
        }
        switch self {
        case .rmsProp(let learningRate):
            return run(RMSProp<Float>(learningRate: learningRate, weightDecay: weightDecay))
        case .adam(let learningRate):
            return run(Adam<Float>(learningRate: learningRate, weightDecay: weightDecay))
        case .sgd(let learningRate, let momentum):
            return run(SGD<Float>(learningRate: learningRate, momentum: momentum, weightDecay: weightDecay))
        }
    }
}
