/// Code that looks at the model while it trains, every `every` steps and after the last one
/// (a figure that redraws the decision boundary, a snapshot): `train`'s `watch`. The model
/// is lent for the call only; it must not be kept past it.
///
///     let watch = TrainingWatch<Sequential<Float>>(every: 100) { model, step in print(step, model(probe)) }
///     train(&model, optimizer: &optimizer, inputs: x, labels: y, options: options, watch: watch)
public struct TrainingWatch<Model> {
    /// How many steps between two looks (at least 1).
    public let every: Int
    /// What is done with the model after `step` steps.
    public let look: (Model, _ step: Int) -> Void

    /// A watch that calls `look` every `every` steps and after the last step.
    public init(every: Int, _ look: @escaping (Model, _ step: Int) -> Void) {
        guard every >= 1 else { fatalError("a training watch looks every 1 step or more, got \(every)") }
        self.every = every
        self.look = look
    }
}
