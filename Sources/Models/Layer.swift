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
        get { tensors(listedBy: { $0.forEachParameter($1) }) }
        set { replaceTensors(listedBy: { $0.forEachParameter($1) }, with: newValue, noun: "parameter") }
    }

    /// The total number of scalars in the parameters.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// The tensors `visit` lists (`forEachParameter`, `forEachState`), in its order.
    func tensors(listedBy visit: (inout Self, (inout Tensor<Scalar>) -> Void) -> Void) -> [Tensor<Scalar>] {
        var copy = self
        var list: [Tensor<Scalar>] = []
        visit(&copy) { list.append($0) }
        return list
    }

    /// Replaces the tensors `visit` lists with `newValue`, one for one; stops naming the
    /// `noun` ("parameter", "state tensor") when the count or a shape differs.
    mutating func replaceTensors(
        listedBy visit: (inout Self, (inout Tensor<Scalar>) -> Void) -> Void, with newValue: [Tensor<Scalar>], noun: String
    ) {
        let expected = tensors(listedBy: visit).count
        guard newValue.count == expected else {
            fatalError("the model has \(expected) \(noun)s, but \(newValue.count) were given")
        }
        var index = 0
        visit(&self) { tensor in
            let replacement = newValue[index]
            guard replacement.shape == tensor.shape else {
                fatalError("\(noun) \(index) has shape \(tensor.shape), but a tensor of shape \(replacement.shape) was given")
            }
            tensor = replacement
            index += 1
        }
    }
}

/// Layers without parameters get an empty `forEachParameter`.
public protocol ParameterlessLayer: Layer {}

extension ParameterlessLayer {
    public mutating func forEachParameter(_ body: (inout Tensor<Scalar>) -> Void) {}
}
