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
        // `i` is the layer to go back through; after it, `gradient` is at activation i - 1.
        var i = layers.count - 1
        while i > lowest {
            if i - 1 > lowest, !indices.contains(i - 1), let next = gradientThroughReLUThenPool(gradient, pool: i) {
                gradient = next
                i -= 2
            } else {
                guard let next = layers[i].inputGradient(of: gradient, input: values[i], output: values[i + 1]) else { return nil }
                gradient = next
                i -= 1
            }
            if indices.contains(i) { found[i] = gradient }
        }
        return indices.map { found[$0]! }
    }

    /// Back through a max-pooling layer `pool` and the ReLU convolution before it at once,
    /// or nil when the layers are not those. Max-pooling a ReLU's output is the ReLU of the
    /// max-pooled pre-activation, so the ReLU's derivative at each window's winner is 1 exactly
    /// where the pooled output is positive: it is applied to the seeds at the pooled
    /// resolution, as they are routed to the winners (a quarter of the elements for 2x2
    /// windows), with the same result; the routing and the transposed convolution run as one
    /// operation (`Conv2D.inputGradient(throughReLUPool:ofPooled:poolInput:input:)`).
    private func gradientThroughReLUThenPool(_ seeds: Tensor<Scalar>, pool index: Int) -> Tensor<Scalar>? {
        guard let pool = layers[index] as? MaxPool2D<Scalar>, let convolution = layers[index - 1] as? Conv2D<Scalar>,
              case .relu = convolution.activation else { return nil }
        return convolution.inputGradient(throughReLUPool: pool, ofPooled: seeds, poolInput: values[index], input: values[index - 1])
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
