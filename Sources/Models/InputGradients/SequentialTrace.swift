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
        checkLayerIndex(index, layerCount: layers.count)
        return values[index + 1]
    }

    /// For `seeds` [R·B, output shape...] (R seeds per sample, replica-major), the gradients of
    /// ⟨seed, output⟩ with respect to the activations at `indices`, each [R·B, activation
    /// shape...], from one pass back through the layers (`Layer.inputGradient(of:input:output:)`).
    /// `nil` when a layer on the way cannot map batched seeds (dropout, say).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func inputGradients(of seeds: Tensor<Scalar>, at indices: [Int]) -> [Tensor<Scalar>]? {
        guard let lowest = indices.min() else { return [] }
        for index in indices { checkLayerIndex(index, layerCount: layers.count) }
        var found: [Int: Tensor<Scalar>] = [:]
        var gradient = seeds
        if indices.contains(layers.count - 1) { found[layers.count - 1] = gradient }
        for i in stride(from: layers.count - 1, to: lowest, by: -1) {
            guard let next = layers[i].inputGradient(of: gradient, input: values[i], output: values[i + 1]) else { return nil }
            gradient = next
            if indices.contains(i - 1) { found[i - 1] = gradient }
        }
        return indices.map { found[$0]! }
    }
}

extension Sequential {
    /// The forward pass with every layer's input and output kept.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public func trace(_ input: Tensor<Scalar>) -> SequentialTrace<Scalar> {
        var values = [input]
        values.reserveCapacity(layers.count + 1)
        for layer in layers { values.append(layer(values[values.count - 1])) }
        return SequentialTrace(layers: layers, values: values)
    }
}
