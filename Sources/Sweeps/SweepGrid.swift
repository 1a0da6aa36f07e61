/// The runs of a sweep: the product of its axes' values and, with `--seeds N`, of N seeds.
///
/// The last axis varies fastest (as nested loops in command-line order). With seeds, each
/// run trains one seed: the notebook gets `seeds=1` and `firstSeed=S` for S in `base ..< base + N`,
/// where `base` is a single `-p firstSeed=` value or 0. So every seed is a run of its own that
/// any worker can take, and a run's numbers do not depend on where or with what it ran.
///
///     let grid = try SweepGrid(axes: [try SweepAxis(argument: "trainCount=30,60")], seeds: 2)
///     grid.points.map(\.directoryName)
///     // ["trainCount=30,seed=0", "trainCount=30,seed=1", "trainCount=60,seed=0", "trainCount=60,seed=1"]
public struct SweepGrid: Sendable, Equatable {
    /// The notebook parameter that says how many seeds a run trains.
    public static let seedsParameter = "seeds"
    /// The notebook parameter that says the first seed a run trains.
    public static let firstSeedParameter = "firstSeed"

    /// The parameters, in command-line order (without `seeds` and `firstSeed` when seeds are spread).
    public var axes: [SweepAxis]
    /// The seeds each point runs, one run each; nil when the notebook's own seeds run.
    public var seeds: [Int]?

    /// A grid of `axes` with `seeds` seeds per point (nil: each run trains the seeds the
    /// notebook's parameters say). The error names a parameter given twice, or a `seeds` or
    /// `firstSeed` parameter that contradicts `--seeds`.
    public init(axes: [SweepAxis], seeds: Int? = nil) throws(SweepError) {
        var names = Set<String>()
        for axis in axes where !names.insert(axis.name).inserted {
            throw SweepError("parameter \(axis.name) is given twice: list its values once, -p \(axis.name)=v1,v2,...")
        }
        guard let seeds else {
            self.axes = axes
            self.seeds = nil
            return
        }
        guard seeds >= 1 else { throw SweepError("--seeds must be at least 1, not \(seeds)") }
        if axes.contains(where: { $0.name == Self.seedsParameter }) {
            throw SweepError("give either --seeds \(seeds) or -p \(Self.seedsParameter)=..., not both: --seeds runs each seed separately with \(Self.seedsParameter)=1")
        }
        var base = 0
        if let first = axes.first(where: { $0.name == Self.firstSeedParameter }) {
            guard first.values.count == 1, let value = Int(first.values[0]) else {
                throw SweepError("with --seeds, -p \(Self.firstSeedParameter)= takes one whole number (the first seed), not \(first.values.joined(separator: ","))")
            }
            base = value
        }
        self.axes = axes.filter { $0.name != Self.firstSeedParameter }
        self.seeds = Array(base..<(base + seeds))
    }

    /// The names of the axes with more than one value, in command-line order.
    public var sweptNames: [String] { axes.filter(\.isSwept).map(\.name) }

    /// Every run of the grid, in order.
    public var points: [SweepPoint] {
        var combinations: [[SweepPoint.Parameter]] = [[]]
        for axis in axes {
            combinations = combinations.flatMap { prefix in axis.values.map { prefix + [SweepPoint.Parameter(name: axis.name, value: $0)] } }
        }
        guard let seeds else { return combinations.map { SweepPoint(parameters: $0) } }
        return combinations.flatMap { parameters in
            seeds.map { seed in
                SweepPoint(parameters: parameters, seed: seed, seedParameters: [
                    .init(name: Self.seedsParameter, value: "1"), .init(name: Self.firstSeedParameter, value: String(seed)),
                ])
            }
        }
    }
}
