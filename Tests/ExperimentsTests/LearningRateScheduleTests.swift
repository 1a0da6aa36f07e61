import Datasets
import Experiments
import Models
import Tensors
import Testing

@Suite("A model configuration's learning-rate schedule", .serialized)
struct LearningRateScheduleTests {
    /// The four points of `fourPoints`, trained by each of `models` at seed 0; their final parameters.
    static func trainedParameters(_ models: [(name: String, configuration: ModelConfiguration)]) throws -> [[[Float]]] {
        let network: (inout SeededGenerator) -> Sequential<Float> = {
            Sequential<Float>.multilayerPerceptron(sizes: [2, 8, 2], using: &$0)
        }
        let source = DataSource(name: "four points") { _ in
            let points = try fourPoints()
            return SplitData(train: points, validation: points, test: points)
        }
        let specs = models.map { model in ModelSpec(model.name, network: network) { _ in model.configuration } }
        let results = Experiment(data: source, seeds: [0], models: specs).run(workers: 1, showProgress: false)
        try #require(results.failures.isEmpty, "\(results.failures)")
        return models.map { results.trainedModel($0.name, seed: 0).parameters.map(\.scalars) }
    }

    @Test("the schedule sets the rate at every step: a rate of zero from step 20 on ends where 20 steps at the constant rate end")
    func stepsAtZeroRateLeaveTheParameters() throws {
        // RMSProp without momentum moves a parameter by the rate times a bounded factor, so
        // steps at rate 0 leave it exactly where it was.
        let parameters = try Self.trainedParameters([
            ("scheduled", ModelConfiguration(objective: .crossEntropy, optimizer: .rmsProp(learningRate: 0.01),
                                             schedule: StepDecay(initial: 0.01, factor: 0, boundaries: [20]), steps: 40, batchSize: 4)),
            ("20 steps", ModelConfiguration(objective: .crossEntropy, optimizer: .rmsProp(learningRate: 0.01), steps: 20, batchSize: 4)),
            ("40 steps", ModelConfiguration(objective: .crossEntropy, optimizer: .rmsProp(learningRate: 0.01), steps: 40, batchSize: 4)),
        ])
        #expect(parameters[0] == parameters[1])
        // Had the schedule been ignored, the scheduled run would have ended with the 40-step one.
        #expect(parameters[0] != parameters[2])
    }

    @Test("the schedule replaces the optimiser's own rate: a constant schedule of 0.01 under an optimiser of 0.5 trains as 0.01")
    func replacesTheOptimizersRate() throws {
        let parameters = try Self.trainedParameters([
            ("scheduled", ModelConfiguration(objective: .crossEntropy, optimizer: .adam(learningRate: 0.5),
                                             schedule: ConstantLearningRate(0.01), steps: 30, batchSize: 4)),
            ("plain", ModelConfiguration(objective: .crossEntropy, optimizer: .adam(learningRate: 0.01), steps: 30, batchSize: 4)),
        ])
        #expect(parameters[0] == parameters[1])
    }
}
