import Attacks
import Datasets
import Models
import Tensors

/// Models and data shared by the attack tests; each is decided by its seed.
enum Fixtures {
    /// A smooth (tanh) Double network [features, 8, classes]: every derivative exists, so
    /// finite differences are a fair check.
    static func smoothNetwork(features: Int = 4, classes: Int = 3, seed: UInt64 = 1) -> Sequential<Double> {
        var g = SeededGenerator(seed: seed)
        return Sequential<Double>.multilayerPerceptron(sizes: [features, 8, classes], activation: .tanh, using: &g)
    }

    /// Inputs in [0, 1) and labels 0..<classes, decided by `seed`.
    static func batch(rows: Int = 6, features: Int = 4, classes: Int = 3, seed: UInt64 = 2) -> (Tensor<Double>, [Int]) {
        var g = SeededGenerator(seed: seed)
        let x = Tensor<Double>(randomUniform: [rows, features], in: 0..<1, using: &g)
        return (x, (0..<rows).map { _ in g.nextInt(below: classes) })
    }

    /// The largest |x'_i - x_i| of each row.
    static func lInfinityDistances(_ a: Tensor<Double>, _ b: Tensor<Double>) -> [Double] {
        (a - b).norm(.lInfinity, alongAxes: [1]).scalars
    }

    /// ||x'_i - x_i||_2 of each row.
    static func l2Distances(_ a: Tensor<Double>, _ b: Tensor<Double>) -> [Double] {
        (a - b).norm(.l2, alongAxes: [1]).scalars
    }

    /// A [2, 16, 16, 2] ReLU network trained 400 steps on sparse two moons (60 points), with
    /// the dense test set (1000 points) it is scored on.
    static func trainedMoons(seed: UInt64 = 3) throws -> (model: Sequential<Float>, test: LabeledBatch<Float>) {
        let (trainingSet, test) = try Toy2D.twoMoons(noise: 0.1).sparseTrainDenseTest(trainCount: 60, testCount: 1000, seed: seed)
        var g = SeededGenerator(seed: seed)
        var model = Sequential<Float>.multilayerPerceptron(sizes: [2, 16, 16, 2], using: &g)
        var optimizer = Adam<Float>(learningRate: 0.01)
        train(&model, optimizer: &optimizer, inputs: trainingSet.inputs, labels: trainingSet.labels,
              options: TrainingOptions(steps: 400, batchSize: 60, seed: seed))
        return (model, LabeledBatch(inputs: test.inputs, labels: test.labels))
    }
}
