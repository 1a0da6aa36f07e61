import Models
import SeedStatistics
import Tensors

/// What an experiment measured: one `SeedResult` per finished (model, seed), the failures,
/// and the claims stated about them. Summaries, paired comparisons and claims are computed
/// from the runs, so every number a notebook shows comes from this run.
public final class ExperimentResults {
    /// The models, in the experiment's order.
    public let models: [String]
    /// The seeds asked for.
    public let seeds: [UInt64]
    /// The quantities measured, in table order.
    public let quantities: [String]
    /// The finished runs, seed by seed, models in order within a seed.
    public let runs: [SeedResult]
    public let failures: [RunFailure]
    /// Whether an interrupt stopped the experiment before every run finished.
    public let interrupted: Bool
    /// The data's description.
    public let dataName: String
    /// The claims stated so far, in order.
    public private(set) var claims: [Claim] = []
    /// The primary claims' verdicts, Holm-corrected together, when `PrimaryClaims.evaluate(on:)`
    /// was called on these results (the last call's); the results file lists them under "primary".
    public internal(set) var primaryVerdicts: PrimaryVerdicts?

    private let specs: [ModelSpec]
    private let directions: [String: Bool]

    init(experiment: Experiment, runs: [SeedResult], failures: [RunFailure], interrupted: Bool) {
        models = experiment.models.map(\.name)
        seeds = experiment.seeds
        quantities = experiment.quantities
        self.runs = runs
        self.failures = failures
        self.interrupted = interrupted
        dataName = experiment.data.name
        specs = experiment.models
        directions = Dictionary(uniqueKeysWithValues: experiment.quantities.map { ($0, experiment.higherIsBetter($0)) })
    }

    /// Whether a larger value of `quantity` is better.
    public func higherIsBetter(_ quantity: String) -> Bool { directions[quantity] ?? true }

    /// The finished runs of `model`, in seed order.
    public func runs(of model: String) -> [SeedResult] {
        checkModel(model)
        return runs.filter { $0.model == model }
    }

    /// `quantity` of `model` at each of its finished seeds, in seed order.
    public func values(_ quantity: String, of model: String) -> [(seed: UInt64, value: Double)] {
        checkQuantity(quantity)
        return runs(of: model).map { ($0.seed, $0.quantities[quantity] ?? .nan) }
    }

    /// The mean and 95% interval of `quantity` for `model` over its finished seeds.
    public func interval(_ quantity: String, of model: String) -> MeanInterval {
        MeanInterval(values(quantity, of: model).map(\.value))
    }

    /// `model` against `baseline` on `quantity`, over the seeds both finished.
    public func comparison(_ model: String, against baseline: String, on quantity: String) -> PairedComparison {
        let mine = Dictionary(uniqueKeysWithValues: values(quantity, of: model).map { ($0.seed, $0.value) })
        let theirs = Dictionary(uniqueKeysWithValues: values(quantity, of: baseline).map { ($0.seed, $0.value) })
        let common = seeds.filter { mine[$0] != nil && theirs[$0] != nil }
        return PairedComparison(
            model: model, baseline: baseline, quantity: quantity, seeds: common, modelValues: common.map { mine[$0]! },
            baselineValues: common.map { theirs[$0]! }, higherIsBetter: higherIsBetter(quantity))
    }

    /// Every training point's exact signed margin of `model`, pooled over its seeds.
    public func trainingMargins(of model: String) -> [Double] {
        runs(of: model).flatMap { $0.trainingMargins ?? [] }
    }

    /// The chosen model of `model` at `seed` as it was measured, rebuilt from its saved
    /// parameters and state (batch norm's running averages, so it is the same model in
    /// inference mode); with early stopping, both are those of the kept step.
    public func trainedModel(_ model: String, seed: UInt64) -> Sequential<Float> {
        guard let run = runs(of: model).first(where: { $0.seed == seed }) else {
            fatalError("\(model) has no finished run at seed \(seed); finished seeds: \(runs(of: model).map(\.seed))")
        }
        guard !run.parameters.isEmpty else {
            fatalError("\(model) at seed \(seed) was gathered from a runs file, which keeps no trained weights; attack or draw the model in the run that trained it")
        }
        let spec = specs.first { $0.name == model }!
        let network = spec.initialNetwork(seed: seed)
        let states = network.states
        guard run.state.count == states.count else {
            fatalError("\(model) at seed \(seed) has \(run.state.count) saved state tensors but its network has \(states.count) (batch norm's running averages); was the result recorded before state was saved?")
        }
        return TrainedValues(parameters: run.parameters, state: run.state).loaded(into: network)
    }

    /// States `text` and evaluates `test` on these results; the claim is kept for the
    /// results file and returned (it shows as "holds" or "does not hold" with its numbers).
    /// `ifHolds` and `otherwise` say what each verdict means; the one the verdict picks is
    /// the claim's `finding`, and `findings` shows them all in order.
    ///
    ///     results.claim("The margin raises the smallest training margin in 8 of 10 seeds",
    ///                   .wins(atLeast: 8, "large-margin", over: "cross-entropy", on: Quantity.trainMarginMin),
    ///                   ifHolds: "The margin kept its closest training points farther away.",
    ///                   otherwise: "The margin did not reliably keep its closest points farther away.")
    @discardableResult
    public func claim(_ text: String, _ test: ClaimTest, ifHolds: String? = nil, otherwise: String? = nil) -> Claim {
        let claim = Claim(text: text, evaluation: test.evaluate(on: self), ifHolds: ifHolds, otherwise: otherwise)
        claims.append(claim)
        return claim
    }

    /// One line: what finished, what failed, whether it was interrupted.
    public var statusLine: String {
        let total = models.count * seeds.count
        var line = "experiment: \(runs.count)/\(total) runs done (\(models.count) models x \(seeds.count) seeds)"
        if !failures.isEmpty { line += ", \(failures.count) failed" }
        if interrupted { line += ", interrupted: the finished runs are kept" }
        return line
    }

    /// Why runs failed: one line per model and message, with the seeds it failed at
    /// ("large-margin failed at seeds 0, 1: the run crashed (signal 4): ...: Fatal error: ...").
    public var failureLines: [String] {
        var groups: [(model: String, message: String, seeds: [UInt64])] = []
        for failure in failures {
            if let index = groups.firstIndex(where: { $0.model == failure.model && $0.message == failure.message }) {
                groups[index].seeds.append(failure.seed)
            } else {
                groups.append((failure.model, failure.message, [failure.seed]))
            }
        }
        return groups.map { group in
            let seeds = (group.seeds.count == 1 ? "seed " : "seeds ") + group.seeds.map(String.init).joined(separator: ", ")
            return "\(group.model) failed at \(seeds): \(group.message)"
        }
    }

    func checkModel(_ model: String) {
        guard models.contains(model) else { fatalError("the experiment has no model \"\(model)\"; its models: \(models)") }
    }

    func checkQuantity(_ quantity: String) {
        guard quantities.contains(quantity) else {
            fatalError("the experiment measured no \"\(quantity)\"; it measured: \(quantities)")
        }
    }
}
