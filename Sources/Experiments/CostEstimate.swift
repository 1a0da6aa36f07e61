import Foundation
import Models

/// What running experiments will cost on this machine, estimated before they run: each
/// model's first grid point trains a few steps on the first seed's data (after one step of
/// warm-up) and measures its validation set once, in a forked process with one BLAS thread
/// as the experiment's runs are; those times are scaled by the steps, measurements, grid
/// points and seeds the experiments will run. Data loading and the final measurements are
/// left out, so it is a lower bound of the CPU time, good to a few tens of percent.
///
///     let cost = try CostEstimate.of([("68 images", small), ("275 images", larger)])
///     cost            // "about 2.1 CPU-hours (1.1 hours on 2 cores) ..." and a line per model
public struct CostEstimate: CustomStringConvertible {
    /// One model of one experiment.
    public struct Line: Codable, Sendable {
        public var level: String
        public var model: String
        /// Grid points times seeds: the models this one trains.
        public var trainings: Int
        public var stepsEach: Int
        public var secondsPerStep: Double
        /// Validation measurements during each training (early stopping), and one's time.
        public var measurementsEach: Int
        public var secondsPerMeasurement: Double

        /// CPU seconds of all its trainings.
        public var seconds: Double {
            Double(trainings) * (Double(stepsEach) * secondsPerStep + Double(measurementsEach) * secondsPerMeasurement)
        }
    }

    public var lines: [Line]
    /// The cores the runs spread over (this machine's).
    public var cores: Int

    /// The total CPU seconds.
    public var cpuSeconds: Double { lines.reduce(0) { $0 + $1.seconds } }

    /// Times every model of every experiment (`sampleSteps` steps each) and scales the times up.
    /// A model that trains the same way on sets of the same sizes at several levels (noise
    /// levels, say) is timed once.
    /// - Throws: `CostEstimateError` when a model's timing failed (its data, a crash) or was interrupted.
    public static func of(
        _ experiments: [(label: String, experiment: Experiment)], sampleSteps: Int = 3,
        cores: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws -> CostEstimate {
        var jobs: [(part: (label: String, experiment: Experiment), model: Int, key: String)] = []
        for part in experiments {
            let split: SplitData
            do { split = try part.experiment.data.data(seed: part.experiment.seeds[0]) } catch {
                throw CostEstimateError(model: "the data", level: part.label, reason: "\(error)")
            }
            for (index, spec) in part.experiment.models.enumerated() {
                let c = spec.configuration(spec.grid.points[0])
                let key = [spec.name, "\(c.steps)", "\(c.batchSize)", "\(c.earlyStoppingEvery ?? 0)", "\(c.curveSampleCount ?? 0)",
                           "\(split.train.count)", "\(split.validation.count)"].joined(separator: "|")
                jobs.append((part, index, key))
            }
        }
        let timed = jobs.indices.filter { index in !jobs[..<index].contains { $0.key == jobs[index].key } }
        let (outcomes, _) = ForkedRuns.run(count: timed.count, workers: 1, threadsPerRun: 1, onChange: { _ in }) { index in
            let job = jobs[timed[index]]
            return try timing(job.part.experiment, model: job.model, label: job.part.label, sampleSteps: sampleSteps)
        }
        var timings: [String: Line] = [:]
        for (index, outcome) in zip(timed, outcomes) {
            let job = jobs[index]
            let model = job.part.experiment.models[job.model].name
            switch outcome {
            case .finished(let line): timings[job.key] = line
            case .failed(let message): throw CostEstimateError(model: model, level: job.part.label, reason: message)
            case .notRun: throw CostEstimateError(model: model, level: job.part.label, reason: "interrupted")
            }
        }
        let lines = jobs.map { job -> Line in
            var line = timings[job.key]!
            line.level = job.part.label
            line.trainings = job.part.experiment.models[job.model].grid.points.count * job.part.experiment.seeds.count
            return line
        }
        return CostEstimate(lines: lines, cores: max(1, cores))
    }

    /// Times `sampleSteps` steps and one validation measurement of a model's first grid point.
    private static func timing(_ experiment: Experiment, model index: Int, label: String, sampleSteps: Int) throws -> Line {
        let spec = experiment.models[index]
        let seed = experiment.seeds[0]
        let split = try experiment.data.data(seed: seed)
        let full = spec.configuration(spec.grid.points[0])
        var short = full
        short.earlyStoppingEvery = nil
        short.curveSampleCount = nil
        var model = spec.initialNetwork(seed: seed)
        short.steps = 1
        _ = short.train(&model, data: split, seed: seed)
        short.steps = sampleSteps
        let start = Date()
        _ = short.train(&model, data: split, seed: seed)
        let perStep = Date().timeIntervalSince(start) / Double(sampleSteps)
        let measuring = Date()
        _ = Models.accuracy(of: model, on: LabeledBatch(inputs: split.validation.inputs, labels: split.validation.labels))
        if let sample = full.curveSampleCount {
            let train = split.train.subset(Array(0..<min(sample, split.train.count)))
            _ = Models.accuracy(of: model, on: LabeledBatch(inputs: train.inputs, labels: train.labels))
        }
        let perMeasurement = Date().timeIntervalSince(measuring)
        return Line(
            level: label, model: spec.name, trainings: spec.grid.points.count * experiment.seeds.count, stepsEach: full.steps,
            secondsPerStep: perStep, measurementsEach: full.earlyStoppingEvery.map { full.steps / $0 } ?? 0,
            secondsPerMeasurement: perMeasurement)
    }

    /// "about 4.6 CPU-hours (2.3 hours on 2 cores)", then a line per level and model.
    public var description: String {
        var text = "about \(CostEstimate.hours(cpuSeconds)) CPU-hours (\(CostEstimate.hours(cpuSeconds / Double(cores)))"
            + " hours on \(cores) cores), from a few timed steps of each model on this machine\n"
        for line in lines {
            text += "  \(line.level), \(line.model): \(line.trainings) trainings x \(line.stepsEach) steps x "
                + String(format: "%.0f ms", 1000 * line.secondsPerStep) + " + \(line.measurementsEach) measurements x "
                + String(format: "%.0f ms", 1000 * line.secondsPerMeasurement) + " = \(CostEstimate.hours(line.seconds)) CPU-hours\n"
        }
        return text
    }

    /// Hours with two significant digits (at least one decimal below 10).
    static func hours(_ seconds: Double) -> String {
        let value = seconds / 3600
        return value >= 10 ? String(format: "%.0f", value) : String(format: "%.2g", value)
    }
}

/// A model whose cost could not be timed.
public struct CostEstimateError: Error, Equatable, CustomStringConvertible {
    public var model: String
    public var level: String
    public var reason: String

    public var description: String { "timing \(model) at \(level) failed: \(reason)" }
}
