import Tensors

/// Layers applied one after another, able to hand back any layer's activation (the
/// large-margin loss needs the input and hidden activations alongside the logits).
///
///     var g = SeededGenerator(seed: 0)
///     let model = Sequential<Float>.multilayerPerceptron(sizes: [2, 32, 32, 2], using: &g)
///     let (logits, hidden) = model.applied(to: x, keepingActivationsOf: [0, 1])
public struct Sequential<Scalar: TensorScalar>: Layer {
    public var layers: [any Layer<Scalar>]

    public init(_ layers: [any Layer<Scalar>]) {
        self.layers = layers
    }

    /// A ReLU network with the given layer sizes (input first, classes last); the last
    /// layer has no activation (it gives logits).
    public static func multilayerPerceptron(
        sizes: [Int], activation: Activation<Scalar> = .relu, using generator: inout SeededGenerator
    ) -> Sequential {
        guard sizes.count >= 2 else { fatalError("a multilayer perceptron needs at least an input and an output size, got \(sizes)") }
        var layers: [any Layer<Scalar>] = []
        for i in 0..<(sizes.count - 1) {
            let last = i == sizes.count - 2
            layers.append(Dense<Scalar>(
                inputSize: sizes[i], outputSize: sizes[i + 1], activation: last ? .identity : activation, using: &generator))
        }
        return Sequential(layers)
    }

    public func callAsFunction(_ input: Tensor<Scalar>) -> Tensor<Scalar> {
        layers.reduce(input) { x, layer in layer(x) }
    }

    /// The output, and the activations after each layer in `indices` (in that order).
    /// Index `i` is the output of `layers[i]`; -1 stands for the input itself.
    public func applied(to input: Tensor<Scalar>, keepingActivationsOf indices: [Int]) -> (output: Tensor<Scalar>, activations: [Tensor<Scalar>]) {
        for index in indices { checkLayerIndex(index, layerCount: layers.count) }
        var kept: [Int: Tensor<Scalar>] = [:]
        if indices.contains(-1) { kept[-1] = input }
        var x = input
        for (i, layer) in layers.enumerated() {
            x = layer(x)
            if indices.contains(i) { kept[i] = x }
        }
        return (x, indices.map { kept[$0]! })
    }

    public mutating func forEachParameter(_ body: (inout Tensor<Scalar>) -> Void) {
        for i in layers.indices {
            layers[i].forEachParameter(body)
        }
    }
}

/// Stops with a message when `index` names no activation of a model with `layerCount` layers
/// (0 ..< layerCount, and -1 for the input).
func checkLayerIndex(_ index: Int, layerCount: Int) {
    guard index >= -1 && index < layerCount else {
        fatalError("layer \(index) does not exist: the model has \(layerCount) layers (0...\(layerCount - 1), and -1 for the input)")
    }
}
