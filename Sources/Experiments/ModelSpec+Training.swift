import Models
import Tensors

extension ModelSpec {
    /// The model as a run of `seed` trains it at one point of its grid (the first by default),
    /// on `data`, with `watch` looking at it while it trains (a figure that moves:
    /// `LiveDecisionBoundary`). The same network, batches and configuration as the
    /// experiment's run at that point, so the model is the one the run trains there; an
    /// experiment trains every point and keeps the best on validation.
    ///
    ///     let live = LiveDecisionBoundary(title: "large margin", training: split.train)
    ///     let model = largeMargin.trained(on: split, seed: 0, watch: live.watch(every: 500))
    public func trained(
        on data: SplitData, seed: UInt64, at point: HyperparameterGrid.Point? = nil,
        watch: TrainingWatch<Sequential<Float>>? = nil
    ) -> Sequential<Float> {
        let chosen = point ?? grid.points[0]
        guard grid.points.contains(chosen) else {
            fatalError("\(name) has no grid point \(chosen); its points: \(grid.points.map(\.description).joined(separator: "; "))")
        }
        var model = initialNetwork(seed: seed)
        _ = configuration(chosen).train(&model, data: data, seed: seed, watch: watch)
        return model
    }
}
