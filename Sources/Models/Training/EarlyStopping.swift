import Tensors

/// Early stopping on a validation set, as the paper trained its cross-entropy baselines:
/// every `every` steps the validation accuracy is measured; the parameters of the best
/// measurement are kept and put back into the model when training ends; training stops when
/// `patience` measurements in a row have not reached the best (nil: it runs all its steps).
///
///     let stopping = EarlyStopping(validation: LabeledBatch(inputs: vx, labels: vy), every: 500, patience: 4)
///     let history = train(&model, optimizer: &optimizer, inputs: x, labels: y, options: options,
///                         earlyStopping: stopping)
///     history.bestStep   // the step whose parameters the model now holds
///
/// A measurement that equals the best replaces it (ties go to the later step): on small data
/// the validation accuracy plateaus, and the longer-trained model of equal accuracy is the
/// fairer baseline. Step 0 (the initial parameters) is measured too.
public struct EarlyStopping<Scalar: TensorScalar> {
    /// The held-out data whose accuracy decides.
    public var validation: LabeledBatch<Scalar>
    /// Measure every this many steps (at least 1).
    public var every: Int
    /// Stop after this many measurements in a row below the best; nil: never stop early.
    public var patience: Int?
    /// Training examples whose accuracy is measured beside the validation accuracy (a
    /// training curve: whether the model fits its labels, noisy ones included); nil: none.
    public var trainingSample: LabeledBatch<Scalar>?

    /// Measures `validation` accuracy (and `trainingSample`'s, if given) every `every` steps,
    /// stopping after `patience` measurements without reaching the best.
    public init(validation: LabeledBatch<Scalar>, every: Int, patience: Int? = nil, trainingSample: LabeledBatch<Scalar>? = nil) {
        guard every >= 1 else { fatalError("EarlyStopping needs every >= 1, got \(every)") }
        if let patience, patience < 1 { fatalError("EarlyStopping needs patience >= 1 (or nil), got \(patience)") }
        self.validation = validation
        self.every = every
        self.patience = patience
        self.trainingSample = trainingSample
    }
}
