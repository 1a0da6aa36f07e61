import Tensors

/// A differentiable function with parameters: dense layers, activations, whole models.
///
/// A layer lists its parameters by visiting them in a fixed order (micrograd's
/// `parameters()`, made writable); everything else — the parameter list, gradients shaped
/// like the model, optimizer updates, saving — is built on that one method.
///
///     struct Affine: Layer {
///         var w = Tensor<Float>(ones: [2, 2]), b = Tensor<Float>(zeros: [2])
///         func callAsFunction(_ x: Tensor<Float>) -> Tensor<Float> { matmul(x, w) + b }
///         mutating func forEachParameter(_ body: (inout Tensor<Float>) -> Void) { body(&w); body(&b) }
///     }
public protocol Layer<Scalar> {
    associatedtype Scalar: TensorScalar
    /// The layer applied to a batch of inputs.
    func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar>
    /// Calls `body` on each parameter, in a fixed order, letting it replace the parameter.
    mutating func forEachParameter(_ body: (inout Tensor<Scalar>) -> Void)
    /// Calls `body` on each tensor of state that is saved with the parameters but not trained
    /// (batch norm's running averages), in a fixed order; none by default. See `LayerState.swift`.
    mutating func forEachState(_ body: (inout Tensor<Scalar>) -> Void)
    /// Gradients with respect to the output mapped back to the input for R seeds per sample in
    /// one batched pass, or `nil` when the layer cannot (the default). See `inputGradient(of:input:output:)`
    /// in `InputGradients/` for the contract.
    func inputGradient(of seeds: Tensor<Scalar>, input: Tensor<Scalar>, output: Tensor<Scalar>) -> Tensor<Scalar>?
}

extension Layer {
    /// A layer has no state besides its parameters unless it says so.
    public mutating func forEachState(_ body: (inout Tensor<Scalar>) -> Void) {}

    /// A layer maps no batched seeds back to its input unless it says how.
    public func inputGradient(of seeds: Tensor<Scalar>, input: Tensor<Scalar>, output: Tensor<Scalar>) -> Tensor<Scalar>? {
        nil
    }
}

extension Layer {
    /// The parameters in `forEachParameter` order.
    public var parameters: [Tensor<Scalar>] {
        get {
            var copy = self
            var list: [Tensor<Scalar>] = []
            copy.forEachParameter { list.append($0) }
            return list
        }
        set {
            let expected = parameters.count
            guard newValue.count == expected else {
                fatalError("the model has \(expected) parameters, but \(newValue.count) were given")
            }
            var index = 0
            forEachParameter { parameter in
                let replacement = newValue[index]
                guard replacement.shape == parameter.shape else {
                    fatalError("parameter \(index) has shape \(parameter.shape), but a tensor of shape \(replacement.shape) was given")
                }
                parameter = replacement
                index += 1
            }
        }
    }

    /// The total number of scalars in the parameters.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }
}

/// Layers without parameters get an empty `forEachParameter`.
public protocol ParameterlessLayer: Layer {}

extension ParameterlessLayer {
    public mutating func forEachParameter(_ body: (inout Tensor<Scalar>) -> Void) {}
}
