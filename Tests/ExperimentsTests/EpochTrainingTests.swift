import Datasets
import Experiments
import Margins
import Models
import Tensors
import Testing

@Suite("Training by epochs, tuned margins, measured margin scales")
struct EpochTrainingTests {
    let network: (inout SeededGenerator) -> Sequential<Float> = { Sequential<Float>.multilayerPerceptron(sizes: [2, 8, 2], using: &$0) }

    @Test("steps are epochs times ceil(n / batch), at least the minimum; validation is measured once an epoch")
    func stepsFromEpochs() {
        let family = ModelFamily(network: network, epochs: 30, trainingCount: 5_000, batchSize: 128)
        #expect(family.stepsPerEpoch == 40 && family.steps == 1_200 && family.earlyStoppingEvery == 40 && family.epochs == 30)
        // A set smaller than the batch is one batch an epoch; the minimum lengthens the run and spreads the measurements.
        let tiny = ModelFamily(network: network, epochs: 30, trainingCount: 68, batchSize: 128, minimumSteps: 600)
        #expect(tiny.batchSize == 68 && tiny.stepsPerEpoch == 1 && tiny.steps == 600 && tiny.earlyStoppingEvery == 20 && tiny.epochs == 600)
        // Fewer measurements than epochs: 600 steps measured 10 times, every 60.
        let sparse = ModelFamily(network: network, epochs: 30, trainingCount: 68, batchSize: 128, minimumSteps: 600, measurements: 10)
        #expect(sparse.steps == 600 && sparse.earlyStoppingEvery == 60)
        let configuration = family.crossEntropy(weightDecays: [0]).configuration(HyperparameterGrid(["weightDecay": [0]]).points[0])
        #expect(configuration.stepsPerEpoch == 40 && configuration.curveSampleCount == 2_000)
        let untuned = family.untunedCrossEntropy().configuration(HyperparameterGrid().points[0])
        #expect(untuned.earlyStoppingEvery == nil && untuned.curveSampleCount == nil && untuned.steps == 1_200)
    }

    @Test("a tuned margin's grid: gamma x cross-entropy weight x clip factor x weight decay, gamma slowest")
    func tunedMargin() throws {
        let family = ModelFamily(network: network, epochs: 2, trainingCount: 100)
        let spec = family.tunedLargeMargin("m", norm: .l2, gammas: [0.5, 1.5], layers: [-1, 0], crossEntropyWeights: [0, 1],
                                           clipFactors: [0, 4], weightDecays: [1e-4])
        #expect(spec.grid.points.count == 8)
        var seen: [(MarginConfiguration, Double)] = []
        for point in spec.grid.points {
            let configuration = spec.configuration(point)
            guard case let .largeMargin(margin, layers) = configuration.objective else { Issue.record("not a margin"); return }
            #expect(layers == [-1, 0] && configuration.earlyStoppingEvery == family.earlyStoppingEvery)
            seen.append((margin, configuration.weightDecay))
        }
        let expected: [(Double, Double, Double?)] = [(0.5, 0, nil), (0.5, 0, 2), (0.5, 1, nil), (0.5, 1, 2),
                                                     (1.5, 0, nil), (1.5, 0, 6), (1.5, 1, nil), (1.5, 1, 6)]
        for ((margin, decay), (gamma, share, clip)) in zip(seen, expected) {
            #expect(margin == MarginConfiguration(gamma: gamma, norm: .l2, aggregation: .sum, gradient: .firstOrder, clip: clip, crossEntropyWeight: share))
            #expect(decay == 1e-4)
        }
    }

    @Test("a measured margin scale is the median linearised distance, which for a linear model is the exact one")
    func measuredScale() throws {
        // One dense layer: scores W x + b; the distance of x (class 0) to the boundary in l2 is
        // (s0 - s1) / ||w0 - w1||_2, in l-inf (s0 - s1) / ||w0 - w1||_1.
        let dense = Dense<Float>(weight: Tensor(shape: [2, 2], scalars: [2, 0, 0, 1]), bias: Tensor(shape: [2], scalars: [0, 0]))
        let model = Sequential<Float>([dense])
        let points: [Float] = [3, 1, 4, 1, 5, 1]   // (3,1), (4,1), (5,1), all class 0 (x > y)
        let train = try Dataset<Float>(inputs: Tensor(shape: [3, 2], scalars: points), labels: [0, 0, 0], classCount: 2)
        // W rows: f0 = 2 x0... weight is [in, out]: f0 = 2 x, f1 = y. w0 - w1 = (2, -1).
        let scales = MarginNormScale.measured([("l2", .l2), ("l-inf", .lInfinity)], model: model, on: train)
        // Median point (4, 1): s0 - s1 = 8 - 1 = 7; l2: 7 / sqrt(5) = 3.1305 -> 3.1; l-inf: 7 / 3 = 2.333 -> 2.3.
        #expect(scales.map(\.name) == ["l2", "l-inf"])
        #expect(scales.map(\.gamma) == [3.1, 2.3])
    }

    @Test("a run counted in epochs keeps the chosen model's training curve, in epochs")
    func curveInResults() throws {
        let data = DataSource.toy(.twoMoons(noise: 0.1), trainCount: 64, validationCount: 50, testCount: 50)
        let family = ModelFamily(network: network, optimizer: .rmsProp(learningRate: 0.01), epochs: 4, trainingCount: 64, batchSize: 32)
        let results = Experiment(data: data, seeds: [0], models: [family.crossEntropy(weightDecays: [0]), family.untunedCrossEntropy()])
            .run(workers: 1, showProgress: false)
        let curve = try #require(results.runs(of: "cross-entropy").first?.trainingCurve)
        #expect(curve.map(\.epoch) == [0, 1, 2, 3, 4])
        #expect(curve.allSatisfy { (0...1).contains($0.trainingAccuracy) && (0...1).contains($0.validationAccuracy) })
        #expect(results.runs(of: "cross-entropy, untuned").first?.trainingCurve == [])
    }
}
