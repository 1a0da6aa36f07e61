import Tensors

/// A forward pass through a `Sequential` model that keeps every layer's input and output, so
/// that gradients for many seeds per sample can flow back through it in one batched pass.
///
///     let trace = model.trace(x.requiringGradient())
///     let seeds = ...                                   // [R·B, classes]
///     let gradients = trace.inputGradients(of: seeds, at: [-1, 0, 1])   // each [R·B, ...]
public struct SequentialTrace<Scalar: TensorScalar> {
    /// The model's layers.
    public let layers: [any Layer<Scalar>]
    /// `values[0]` is the input, `values[i + 1]` the output of `layers[i]`.
    public let values: [Tensor<Scalar>]

    /// The model's output.
    public var output: Tensor<Scalar> { values[values.count - 1] }

    /// The activation at `index`: the output of `layers[index]`, or the input for -1.
    public func activation(_ index: Int) -> Tensor<Scalar> {
        guard index >= -1 && index < layers.count else {
            fatalError("layer \(index) does not exist: the model has \(layers.count) layers (0...\(layers.count - 1), and -1 for the input)")
        }
        return values[index + 1]
    }

    /// Whether every layer after activation `index` can map batched seeds back to its input.
    public func supportsInputGradients(downTo index: Int) -> Bool {
        layers[(index + 1)...].allSatisfy { $0 is any InputGradientLayer<Scalar> }
    }

    /// For `seeds` [R·B, output shape...] (R seeds per sample, replica-major), the gradients of
    /// ⟨seed, output⟩ with respect to the activations at `indices`, each [R·B, activation
    /// shape...], from one pass back through the layers. `nil` when a layer on the way does not
    /// conform to `InputGradientLayer`.
    public func inputGradients(of seeds: Tensor<Scalar>, at indices: [Int]) -> [Tensor<Scalar>]? {
        guard let lowest = indices.min() else { return [] }
        _ = activation(lowest)
        for index in indices { _ = activation(index) }
        guard supportsInputGradients(downTo: lowest) else { return nil }
        var found: [Int: Tensor<Scalar>] = [:]
        var gradient = seeds
        if indices.contains(layers.count - 1) { found[layers.count - 1] = gradient }
        for i in stride(from: layers.count - 1, to: lowest, by: -1) {
            let layer = layers[i] as! any InputGradientLayer<Scalar>
            gradient = layer.inputGradient(of: gradient, input: values[i], output: values[i + 1])
            if indices.contains(i - 1) { found[i - 1] = gradient }
        }
        return indices.map { found[$0]! }
    }
}

extension Sequential {
    /// The forward pass with every layer's input and output kept.
    public func trace(_ input: Tensor<Scalar>) -> SequentialTrace<Scalar> {
        var values = [input]
        values.reserveCapacity(layers.count + 1)
        for layer in layers { values.append(layer(values[values.count - 1])) }
        return SequentialTrace(layers: layers, values: values)
    }
}
