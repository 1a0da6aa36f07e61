import Attacks
import Datasets
import Experiments
import MarginTestSupport
import Models
import Tensors
import Testing

/// Two moons, small, with a source trained as a notebook would train it by hand.
private let moons = DataSource.toy(.twoMoons(noise: 0.1), trainCount: 60, validationCount: 60, testCount: 80)
private let moonsNetwork: (inout SeededGenerator) -> Sequential<Float> = {
    Sequential<Float>.multilayerPerceptron(sizes: [2, 16, 2], using: &$0)
}
private func crossEntropyConfiguration(steps: Int = 120) -> ModelConfiguration {
    ModelConfiguration(objective: .crossEntropy, optimizer: .rmsProp(learningRate: 0.01), steps: steps, batchSize: 32, earlyStoppingEvery: 40)
}
/// A model of its own, trained from `seed`, to attack.
private func trainedMoonsModel(_ split: SplitData, seed: UInt64) -> Sequential<Float> {
    var generator = SeededGenerator(seed: seed)
    var model = moonsNetwork(&generator)
    var optimizer = RMSProp<Float>(learningRate: 0.01)
    train(&model, optimizer: &optimizer, inputs: split.train.inputs, labels: split.train.labels,
          options: TrainingOptions(steps: 150, batchSize: 32, seed: seed, reportEvery: 0))
    return model
}
private func batch(_ set: Dataset<Float>) -> LabeledBatch<Float> { LabeledBatch(inputs: set.inputs, labels: set.labels) }

@Suite("Robustness curves as a measurement", .serialized)
struct RobustnessMeasurementTests {
    @Test("a black-box source is the network trained from seed + offset + 1 with batches of seed + offset, kept per seed")
    func blackBoxSource() throws {
        let split = try moons.data(seed: 4)
        let source = BlackBoxSource(network: moonsNetwork, seedOffset: 100, configuration: crossEntropyConfiguration())
        // The same training written out by hand.
        var generator = SeededGenerator(seed: 105)
        var expected = moonsNetwork(&generator)
        var optimizer = RMSProp<Float>(learningRate: 0.01)
        train(&expected, optimizer: &optimizer, inputs: split.train.inputs, labels: split.train.labels,
              options: TrainingOptions(steps: 120, batchSize: 32, seed: 104, reportEvery: 0),
              earlyStopping: EarlyStopping(validation: batch(split.validation), every: 40))
        let model = source.model(for: split)
        #expect(model.parameters.map(\.scalars) == expected.parameters.map(\.scalars))
        #expect(source.testAccuracy(for: split) == accuracy(of: expected, on: batch(split.test)))
        let attack = Attack.fgsm(epsilon: 0.1, loss: .logitMargin)
        #expect(source.examples(for: split, under: attack) == attack.perturb(split.test.inputs, labels: split.test.labels, against: expected))
        #expect(source.model(for: try moons.data(seed: 5)).parameters.map(\.scalars) != expected.parameters.map(\.scalars))
    }

    @Test("curves equal robustAccuracy, the strongest of two attacks counts a point only if it survives both, excesses are the largest difference")
    func curvesAndExcesses() throws {
        let split = try moons.data(seed: 2)
        let model = trainedMoonsModel(split, seed: 11)
        let source = BlackBoxSource(network: moonsNetwork, configuration: crossEntropyConfiguration())
        let epsilons = [0.1, 0.2, 0.3]
        let fgsmAttack = Attack.fgsm(epsilon: 0, loss: .logitMargin)
        let noise = Attack.gaussianNoise(standardDeviation: 0, seed: 3)
        let robustness = RobustnessMeasurement(curves: [
            RobustnessCurve("fgsm_whitebox", fgsmAttack, epsilons: epsilons),
            RobustnessCurve("fgsm_blackbox", fgsmAttack, epsilons: epsilons, craftedOn: source),
            RobustnessCurve("strongest", strongestOf: [fgsmAttack, noise], epsilons: [0.3]),
        ], excesses: [
            RobustnessExcess("white_over_black", of: "fgsm_whitebox", over: "fgsm_blackbox"),
            RobustnessExcess("fgsm_over_strongest", of: "fgsm_whitebox", over: "strongest"),
        ])
        #expect(robustness.names == [
            "robust_fgsm_whitebox_eps0.1", "robust_fgsm_whitebox_eps0.2", "robust_fgsm_whitebox_eps0.3",
            "robust_fgsm_blackbox_eps0.1", "robust_fgsm_blackbox_eps0.2", "robust_fgsm_blackbox_eps0.3",
            "robust_strongest_eps0.3", "white_over_black", "fgsm_over_strongest",
        ])
        #expect(robustness.higherIsBetter == [true, true, true, true, true, true, true, false, false])
        let values = robustness.measure(model, on: split)
        let test = batch(split.test)
        let white = robustAccuracy(of: model, on: test, under: fgsmAttack, epsilons: epsilons).accuracies
        let black = robustAccuracy(of: model, craftedOn: source.model(for: split), on: test, under: fgsmAttack, epsilons: epsilons).accuracies
        #expect(Array(values[0..<3]) == white)
        #expect(Array(values[3..<6]) == black)
        // By hand: a point survives the strongest only if it survives FGSM and then the noise,
        // which is drawn for the points FGSM left.
        func correct(_ attack: Attack, _ points: [Int]) -> [Bool] {
            let labels = points.map { test.labels[$0] }
            let crafted = attack.perturb(test.inputs.gathering(atIndices: points), labels: labels, against: model)
            return zip(model(crafted).argmax(alongAxis: 1), labels).map { $0 == $1 }
        }
        let everyPoint = Array(test.labels.indices)
        let afterFGSM = zip(everyPoint, correct(fgsmAttack.withEpsilon(0.3), everyPoint)).filter(\.1).map(\.0)
        let both = correct(noise.withEpsilon(0.3), afterFGSM).filter { $0 }.count
        #expect(!afterFGSM.isEmpty && afterFGSM.count < test.labels.count)
        #expect(values[6] == Double(both) / Double(test.labels.count))
        #expect(values[6] <= white[2])
        #expect(values[7] == zip(white, black).map { $0 - $1 }.max()!)
        #expect(values[8] == white[2] - values[6])
        let quantity = MeasuredQuantity(robustness)
        #expect(quantity.names == robustness.names)
        #expect(quantity.higherIsBetter == robustness.higherIsBetter)
    }

    @Test("in an experiment the values land under their names, with their directions, and prepare's examples are inherited")
    func inAnExperiment() throws {
        let source = BlackBoxSource(network: moonsNetwork, configuration: crossEntropyConfiguration())
        let robustness = RobustnessMeasurement(curves: [
            RobustnessCurve("ifgsm_whitebox", .iterativeFGSM(epsilon: 0, loss: .logitMargin), epsilons: [0.2]),
            RobustnessCurve("ifgsm_blackbox", .iterativeFGSM(epsilon: 0, loss: .logitMargin), epsilons: [0.2], craftedOn: source),
        ], excesses: [RobustnessExcess("masking_gap", of: "ifgsm_whitebox", over: "ifgsm_blackbox")])
        try robustness.prepare(for: moons, seeds: [0])
        let model = ModelSpec("cross-entropy", network: moonsNetwork) { _ in crossEntropyConfiguration() }
        let experiment = Experiment(data: moons, seeds: [0], models: [model], measurements: [MeasuredQuantity(robustness)])
        let results = experiment.run(workers: 1, showProgress: false)
        #expect(results.failures.isEmpty, "\(results.failures)")
        let run = try #require(results.runs.first)
        let expected = robustness.measure(results.trainedModel("cross-entropy", seed: 0), on: try moons.data(seed: 0))
        #expect(robustness.names.map { run.quantities[$0]! } == expected)
        #expect(results.higherIsBetter(Quantity.robustAccuracy("ifgsm_whitebox", epsilon: 0.2)))
        #expect(!results.higherIsBetter("masking_gap"))
    }

    @Test("a strongest-of curve at every epsilon: PGD's second restart runs only where the first failed, the same as every restart on every point")
    func strongestAtEveryEpsilon() throws {
        let split = try moons.data(seed: 3)
        let model = trainedMoonsModel(split, seed: 12)
        let test = batch(split.test)
        let epsilons = [0.05, 0.15, 0.3]
        let ifgsm = Attack.iterativeFGSM(epsilon: 0, loss: .logitMargin)
        let restarts = (0..<2).map { Attack.pgd(epsilon: 0, iterations: 20, seed: UInt64($0), loss: .logitMargin) }
        let robustness = RobustnessMeasurement(curves: [
            RobustnessCurve("ifgsm", ifgsm, epsilons: epsilons),
            RobustnessCurve("pgd", strongestOf: restarts, epsilons: epsilons),
            RobustnessCurve("strongest", strongestOf: [ifgsm] + restarts, epsilons: epsilons),
        ], excesses: [RobustnessExcess("pgd_over_ifgsm", of: "pgd", over: "ifgsm")])
        let values = robustness.measure(model, on: split)
        // By hand: the first restart on every point, the second on the points the first left.
        func survivors(_ attack: Attack, _ points: [Int]) -> [Int] {
            let labels = points.map { test.labels[$0] }
            let crafted = attack.perturb(test.inputs.gathering(atIndices: points), labels: labels, against: model)
            return zip(points, zip(model(crafted).argmax(alongAxis: 1), labels)).filter { $1.0 == $1.1 }.map(\.0)
        }
        let everyPoint = Array(test.labels.indices)
        let share = { (points: [Int]) in Double(points.count) / Double(test.labels.count) }
        var ifgsmShares: [Double] = [], pgdShares: [Double] = [], strongestShares: [Double] = []
        for epsilon in epsilons {
            let afterIFGSM = survivors(ifgsm.withEpsilon(epsilon), everyPoint)
            let afterPGD = survivors(restarts[1].withEpsilon(epsilon), survivors(restarts[0].withEpsilon(epsilon), everyPoint))
            ifgsmShares.append(share(afterIFGSM))
            pgdShares.append(share(afterPGD))
            strongestShares.append(share(afterPGD.filter(Set(afterIFGSM).contains)))
        }
        #expect(Array(values[0..<3]) == ifgsmShares)
        #expect(Array(values[3..<6]) == pgdShares)
        #expect(Array(values[6..<9]) == strongestShares)
        #expect(values[9] == zip(pgdShares, ifgsmShares).map { $0 - $1 }.max()!)
        #expect(zip(strongestShares, zip(ifgsmShares, pgdShares)).allSatisfy { $0 <= min($1.0, $1.1) })
        #expect(strongestShares.last! < strongestShares.first!)
    }

    @Test("prepare trains every source of every seed in child processes, the same networks as training in this process")
    func preparedSources() throws {
        let crossEntropy = BlackBoxSource("cross-entropy", network: moonsNetwork, seedOffset: 50, configuration: crossEntropyConfiguration())
        let other = BlackBoxSource("longer", network: moonsNetwork, seedOffset: 50, configuration: crossEntropyConfiguration(steps: 200))
        let attack = Attack.fgsm(epsilon: 0, loss: .logitMargin)
        let robustness = RobustnessMeasurement(curves: [
            RobustnessCurve("transfer_ce", attack, epsilons: [0.2], craftedOn: crossEntropy),
            RobustnessCurve("transfer_longer", attack, epsilons: [0.1, 0.2], craftedOn: other),
            RobustnessCurve("transfer_ce_again", attack, epsilons: [0.1], craftedOn: crossEntropy),
        ])
        #expect(robustness.sources.map(\.name) == ["cross-entropy", "longer"])
        try robustness.prepare(for: moons, seeds: [0, 1], workers: 2, showProgress: false)
        for seed: UInt64 in [0, 1] {
            let split = try moons.data(seed: seed)
            for source in [crossEntropy, other] {
                let inProcess = BlackBoxSource(source.name, network: moonsNetwork, seedOffset: 50, configuration: source.configuration)
                #expect(source.model(for: split).parameters.map(\.scalars) == inProcess.model(for: split).parameters.map(\.scalars))
            }
        }
        #expect(crossEntropy.model(for: try moons.data(seed: 0)).parameters.map(\.scalars)
                != other.model(for: try moons.data(seed: 0)).parameters.map(\.scalars))
    }

    @Test("an excess must name measured curves")
    func unknownCurve() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = RobustnessMeasurement(curves: [RobustnessCurve("fgsm", .fgsm(epsilon: 0), epsilons: [0.1])],
                                      excesses: [RobustnessExcess("gap", of: "fgsm", over: "pgd")])
        }
        #expect(standardError(of: result).contains("the excess \"gap\" names a curve that is not measured"))
    }

    @Test("a measurement needs one direction per value")
    func directionCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MeasuredQuantity(["a", "b"], higherIsBetter: [true]) { _, _ in [0, 0] }
        }
        #expect(standardError(of: result).contains("a measurement needs one direction per value: 2 names, 1 directions"))
    }
}
