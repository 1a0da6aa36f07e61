import Tensors

/// Batch normalisation (Ioffe & Szegedy 2015) over the channel axis 1: dense activations
/// [N, C] and convolution maps [N, C, H, W] (any rank >= 2; the statistics of a channel are
/// taken over every other axis, i.e. over N, H and W for maps).
///
///     y = scale * (x - mean) / sqrt(variance + epsilon) + offset          (per channel)
///
/// - Training (`withLearningPhase(.training)`, as `train` runs its loss): `mean` and `variance`
///   are the batch's mean and biased variance (divided by the count m = N·H·W); every call
///   then moves the running averages:
///
///       runningMean     = momentum * runningMean     + (1 - momentum) * mean
///       runningVariance = momentum * runningVariance + (1 - momentum) * variance * m / (m - 1)
///
///   The running variance takes the unbiased (Bessel-corrected) batch variance, as PyTorch
///   and TensorFlow's fused kernel (the one `tf.layers.batch_normalization` uses for the
///   released code's 4-D maps) do. A training batch needs m >= 2 values per channel.
/// - Inference (the default phase): `mean` and `variance` are the running averages, so the
///   layer is a fixed per-channel affine map.
///
/// Defaults: momentum 0.9 and epsilon 1e-5, the values the paper's released TensorFlow code
/// passes explicitly (`MOMENTUM = 0.9`, `EPS = 1e-5` in `mnist/mnist_model.py`; not
/// `tf.layers`' own defaults 0.99 and 1e-3). 1e-5 is also PyTorch's epsilon, and momentum 0.9
/// here is PyTorch's `momentum=0.1` (PyTorch weights the new batch by its momentum).
/// Initialisation: scale 1, offset 0, running mean 0, running variance 1.
///
/// Parameters and state: `scale` and `offset` are parameters (`forEachParameter`: trained,
/// clipped, decayed, counted). The running averages are state (`forEachState`): never
/// visited by `forEachParameter`, so optimizers, weight decay, gradient clipping and
/// `valueWithGradient` leave them alone, but saved and loaded with the parameters
/// (`saveParameters(to:)`, after all the parameters). Calling a layer does not mutate it, so
/// the running averages live in a reference shared by copies of the layer (as `Dropout`'s
/// generator): the copy `valueWithGradient` differentiates updates the model being trained.
/// Setting them (`runningMean = …`, `loadParameters`) gives that value its own copy first.
/// Calls in training mode on copies from several threads at once race on them.
///
/// Differentiation: built from Tensor operations (mean, subtraction, sqrt, division,
/// broadcasting), so gradients of gradients work (the exact large-margin loss, Hessian-vector
/// products). In training mode the derivative includes the terms through the batch mean and
/// variance; the running-average update is not recorded.
///
/// Per-sample gradients and the margin (PAPER-CLAIMS D12). In training mode a sample's output
/// depends on the whole batch through the mean and variance, so "the gradient of sample k's
/// logit with respect to its input" is no longer a property of sample k alone. The margin
/// loss takes the gradient of the batch sum of score differences with respect to each
/// activation (`gradients(of:withRespectTo:seed:)` with a seed of ones), as the released code
/// does (`tf.gradients(diff[:, j], h)`). Without batch statistics samples do not interact and
/// that gradient's row k is exactly sample k's gradient; with them, row k is
/// Σ_j ∂f(x_j)/∂h_k: sample k's own derivative (itself including its effect through the
/// batch mean and variance) plus cross-terms from every other sample's scores. What the
/// project does:
/// - `train` runs the loss in training mode, so a model with `BatchNorm` trained with the
///   margin loss gets the released code's batch-sum semantics, cross-terms included (D12
///   reproduced, as the paper's MNIST model was trained). The cross-terms shrink as the
///   batch grows (each is O(1/m)).
/// - Everything that measures margins or attacks a trained model (inference mode: `Attacks`,
///   `accuracy`, the plots) sees the running averages: the layer is then a per-channel
///   affine map, samples are independent and the per-sample gradients are exact. In that
///   mode `inputGradient(of:input:output:)` maps batched seeds through it directly; in
///   training mode it declines (returns nil), so the margin falls back to autodiff and keeps
///   the batch-sum semantics above rather than mixing two definitions.
/// To train with exact per-sample margins, compute the margin term in inference mode
/// (`withLearningPhase(.inference)` inside the loss), which uses the running averages.
///
///     var g = SeededGenerator(seed: 0)
///     let model = Sequential<Float>([
///         Conv2D<Float>(...), MaxPool2D<Float>(...), BatchNorm<Float>(channels: 32), ...])
public struct BatchNorm<Scalar: TensorScalar>: Layer {
    /// [channels], gamma; starts at 1.
    public var scale: Tensor<Scalar>
    /// [channels], beta; starts at 0.
    public var offset: Tensor<Scalar>
    /// The weight of the old running average in each update (TensorFlow's convention).
    public let momentum: Double
    /// Added to the variance before the square root.
    public let epsilon: Double
    private var statistics: RunningStatistics<Scalar>

    /// A layer for `channels` channels: scale 1, offset 0, running mean 0, running variance 1.
    public init(channels: Int, momentum: Double = 0.9, epsilon: Double = 1e-5) {
        guard channels > 0 else { fatalError("BatchNorm needs a positive number of channels, got \(channels)") }
        self.init(
            scale: Tensor(ones: [channels]), offset: Tensor(zeros: [channels]),
            runningMean: Tensor(zeros: [channels]), runningVariance: Tensor(ones: [channels]),
            momentum: momentum, epsilon: epsilon)
    }

    /// A layer with the given parameters and running averages (all [channels]).
    public init(
        scale: Tensor<Scalar>, offset: Tensor<Scalar>, runningMean: Tensor<Scalar>, runningVariance: Tensor<Scalar>,
        momentum: Double = 0.9, epsilon: Double = 1e-5
    ) {
        guard scale.rank == 1, scale.count > 0, offset.shape == scale.shape, runningMean.shape == scale.shape,
              runningVariance.shape == scale.shape else {
            fatalError("BatchNorm needs scale, offset, running mean and running variance of one shape [channels], got \(scale.shape), \(offset.shape), \(runningMean.shape) and \(runningVariance.shape)")
        }
        guard momentum >= 0, momentum <= 1, epsilon > 0 else {
            fatalError("BatchNorm needs momentum in [0, 1] and a positive epsilon, got \(momentum) and \(epsilon)")
        }
        self.scale = scale
        self.offset = offset
        self.momentum = momentum
        self.epsilon = epsilon
        statistics = RunningStatistics(mean: runningMean.withoutDerivative(), variance: runningVariance.withoutDerivative())
    }

    /// The number of channels.
    public var channels: Int { scale.count }

    /// [channels]: the running average of the batch means.
    public var runningMean: Tensor<Scalar> {
        get { statistics.mean }
        set {
            checkStateShape(newValue, "running mean")
            ownStatistics()
            statistics.mean = newValue.withoutDerivative()
        }
    }

    /// [channels]: the running average of the (unbiased) batch variances.
    public var runningVariance: Tensor<Scalar> {
        get { statistics.variance }
        set {
            checkStateShape(newValue, "running variance")
            ownStatistics()
            statistics.variance = newValue.withoutDerivative()
        }
    }

    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        guard input.rank >= 2, input.shape[1] == channels else {
            fatalError("BatchNorm with \(channels) channels needs an input [N, \(channels)] or [N, \(channels), H, W], got \(input.shape)")
        }
        let axes = [0] + Array(2..<input.rank)
        // [1, C, 1, ...]: per-channel values broadcast against the input.
        let channelShape = [1, channels] + [Int](repeating: 1, count: input.rank - 2)
        let epsilon = Scalar(self.epsilon)
        guard LearningPhase.current == .training else {
            // A per-channel affine map: x * a + b, a = scale / sqrt(v + eps), b = offset - m a.
            let a = scale / sqrt(statistics.variance + epsilon)
            let b = offset - statistics.mean * a
            return input * a.reshaped(to: channelShape) + b.reshaped(to: channelShape)
        }
        let m = axes.reduce(1) { $0 * input.shape[$1] }
        guard m >= 2 else {
            fatalError("BatchNorm in training mode needs at least 2 values per channel, got an input \(input.shape)")
        }
        let mean = input.mean(alongAxes: axes, keepingDimensions: true)
        let centered = input - mean
        let variance = (centered * centered).mean(alongAxes: axes, keepingDimensions: true)
        let normalized = centered / sqrt(variance + epsilon)
        updateRunningAverages(mean: mean, variance: variance, count: m)
        return normalized * scale.reshaped(to: channelShape) + offset.reshaped(to: channelShape)
    }

    public mutating func forEachParameter(_ body: (inout Tensor<Scalar>) -> Void) {
        body(&scale)
        body(&offset)
    }

    /// The running mean, then the running variance.
    public mutating func forEachState(_ body: (inout Tensor<Scalar>) -> Void) {
        var (mean, variance) = (runningMean, runningVariance)
        body(&mean)
        body(&variance)
        runningMean = mean
        runningVariance = variance
    }

    /// In inference mode, the seeds times scale / sqrt(running variance + epsilon) per channel
    /// (the layer is affine there); in training mode nil, since the batch statistics couple
    /// the samples (see the type's documentation).
    public func inputGradient(of seeds: Tensor<Scalar>, input: Tensor<Scalar>, output: Tensor<Scalar>) -> Tensor<Scalar>? {
        guard LearningPhase.current == .inference, seeds.rank >= 2, seeds.shape[1] == channels else { return nil }
        let channelShape = [1, channels] + [Int](repeating: 1, count: seeds.rank - 2)
        let a = scale / sqrt(statistics.variance + Scalar(epsilon))
        return seeds * a.reshaped(to: channelShape)
    }

    private func updateRunningAverages(mean: Tensor<Scalar>, variance: Tensor<Scalar>, count m: Int) {
        withoutGradientRecording {
            let keep = Scalar(momentum), take = Scalar(1 - momentum)
            let batchMean = mean.withoutDerivative().reshaped(to: [channels])
            let unbiased = variance.withoutDerivative().reshaped(to: [channels]) * Scalar(Double(m) / Double(m - 1))
            statistics.mean = statistics.mean * keep + batchMean * take
            statistics.variance = statistics.variance * keep + unbiased * take
        }
    }

    /// Gives this value its own running averages before they are replaced.
    private mutating func ownStatistics() {
        if !isKnownUniquelyReferenced(&statistics) {
            statistics = RunningStatistics(mean: statistics.mean, variance: statistics.variance)
        }
    }

    private func checkStateShape(_ value: Tensor<Scalar>, _ name: String) {
        guard value.shape == [channels] else {
            fatalError("BatchNorm with \(channels) channels needs a \(name) of shape [\(channels)], got \(value.shape)")
        }
    }
}

/// Running averages shared by copies of a `BatchNorm` (calling a layer does not mutate it).
final class RunningStatistics<Scalar: TensorScalar> {
    var mean: Tensor<Scalar>
    var variance: Tensor<Scalar>
    init(mean: Tensor<Scalar>, variance: Tensor<Scalar>) {
        self.mean = mean
        self.variance = variance
    }
}
