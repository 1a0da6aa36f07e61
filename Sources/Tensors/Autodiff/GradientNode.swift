import Synchronization

/// One recorded step of a computation: which nodes it read and how to carry a gradient back.
///
/// Nodes are created in the order the computation runs, so their `sequence` numbers are a
/// topological order of the graph. A leaf (a tensor made with `requiringGradient()`) has no
/// inputs and no pullback.
final class GradientNode<Scalar: TensorScalar> {
    let sequence: Int
    let inputs: [GradientNode?]
    /// Maps the gradient of this node's value to the gradients of its inputs (nil for an
    /// input that is a constant). Written in tensor operations, so it is itself differentiable.
    let pullback: ((Tensor<Scalar>) -> [Tensor<Scalar>?])?
    let shape: [Int]

    // Scratch state of the backward pass that last visited this node (see `backpropagate`):
    // which pass it was, whether a wanted input can be reached from here, and the gradient
    // gathered so far. A graph is differentiated by one thread at a time.
    var pass = 0
    var leadsToTarget = false
    var isTarget = false
    var gathered: Tensor<Scalar>?

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    init(inputs: [GradientNode?], shape: [Int], pullback: ((Tensor<Scalar>) -> [Tensor<Scalar>?])?) {
        self.sequence = GradientRecording.nextSequence()
        self.inputs = inputs
        self.shape = shape
        self.pullback = pullback
    }
}

/// Whether operations on differentiable tensors are being recorded (on by default; off
/// inside `withoutGradientRecording` and while a first-order gradient is computed).
///
/// The setting is task-local (and thread-local outside tasks), so computations running
/// side by side, such as parallel tests, do not see each other's setting.
public enum GradientRecording {
    @TaskLocal static var isEnabled = true
    private static let counter = Atomic<Int>(0)

    static func nextSequence() -> Int {
        counter.wrappingAdd(1, ordering: .relaxed).newValue
    }

    /// Runs `body` with recording on, even inside `withoutGradientRecording` (for functions
    /// that take gradients, such as `valueWithGradient(at:of:)` for models).
    public static func enabled<R>(_ body: () throws -> R) rethrows -> R {
        try with(true, body)
    }

    /// Runs `body` with recording set to `enabled`, restoring the previous state after.
    static func with<R>(_ enabled: Bool, _ body: () throws -> R) rethrows -> R {
        try $isEnabled.withValue(enabled, operation: body)
    }
}

/// Runs `body` without recording any operation for differentiation (inference, metrics,
/// in-place updates): every tensor it computes is a constant.
///
///     let accuracy = withoutGradientRecording { model(x).argmax(alongAxis: 1) }
public func withoutGradientRecording<R>(_ body: () throws -> R) rethrows -> R {
    try GradientRecording.with(false, body)
}

extension Tensor {
    /// Whether this tensor takes part in differentiation.
    public var requiresGradient: Bool { node != nil }

    /// Inside a pullback: whether the backward pass under way wants this input's gradient
    /// (it leads to one of the tensors asked for). Pullbacks skip the others, so a pass
    /// that asks only for activations' gradients does not compute the weights'.
    var isWantedByBackpropagation: Bool { node?.leadsToTarget ?? false }

    /// This value as a new leaf of differentiation: gradients can be taken with respect to it.
    ///
    ///     let w = Tensor<Double>([1, 2]).requiringGradient()
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func requiringGradient() -> Tensor {
        Tensor(shape: shape, buffer: buffer, node: GradientNode(inputs: [], shape: shape, pullback: nil))
    }

    /// The same value as a constant: no gradient flows back through it (stop-gradient).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func withoutDerivative() -> Tensor {
        Tensor(shape: shape, buffer: buffer)
    }

    /// `value` with an autodiff record whose inputs are `inputs` and whose pullback is
    /// `pullback`, when recording is on and some input is differentiable; otherwise `value`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func recording(
        _ value: Tensor, inputs: [Tensor], pullback: @escaping (Tensor) -> [Tensor?]
    ) -> Tensor {
        guard GradientRecording.isEnabled, inputs.contains(where: { $0.node != nil }) else { return value }
        var result = value
        result.node = GradientNode(inputs: inputs.map(\.node), shape: value.shape, pullback: pullback)
        return result
    }

    /// One-input form of `recording(_:inputs:pullback:)`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func recording(_ value: Tensor, input: Tensor, pullback: @escaping (Tensor) -> Tensor) -> Tensor {
        guard GradientRecording.isEnabled, input.node != nil else { return value }
        var result = value
        result.node = GradientNode(inputs: [input.node], shape: value.shape, pullback: { [pullback($0)] })
        return result
    }
}
