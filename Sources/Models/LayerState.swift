import Tensors

// State: tensors a layer keeps besides its parameters that are saved and loaded with them
// but never trained (batch norm's running averages). `forEachState` lists them, as
// `forEachParameter` lists the parameters; optimizers, gradient clipping and
// `valueWithGradient` only ever visit parameters, so they leave state alone.
// A layer that holds other layers forwards `forEachState` to them, as `Sequential` does.

extension Layer {
    /// The state tensors in `forEachState` order (empty for most layers).
    public var states: [Tensor<Scalar>] {
        get {
            var copy = self
            var list: [Tensor<Scalar>] = []
            copy.forEachState { list.append($0) }
            return list
        }
        set {
            let expected = states.count
            guard newValue.count == expected else {
                fatalError("the model has \(expected) state tensors, but \(newValue.count) were given")
            }
            var index = 0
            forEachState { state in
                let replacement = newValue[index]
                guard replacement.shape == state.shape else {
                    fatalError("state tensor \(index) has shape \(state.shape), but a tensor of shape \(replacement.shape) was given")
                }
                state = replacement
                index += 1
            }
        }
    }
}

extension Sequential {
    /// Every layer's state, layer by layer.
    public mutating func forEachState(_ body: (inout Tensor<Scalar>) -> Void) {
        for i in layers.indices {
            layers[i].forEachState(body)
        }
    }
}
