import Tensors

// State: tensors a layer keeps besides its parameters that are saved and loaded with them
// but never trained (batch norm's running averages). `forEachState` lists them, as
// `forEachParameter` lists the parameters; optimizers, gradient clipping and
// `valueWithGradient` only ever visit parameters, so they leave state alone.
// A layer that holds other layers forwards `forEachState` to them, as `Sequential` does.

extension Layer {
    /// The state tensors in `forEachState` order (empty for most layers).
    public var states: [Tensor<Scalar>] {
        get { tensors(listedBy: { $0.forEachState($1) }) }
        set { replaceTensors(listedBy: { $0.forEachState($1) }, with: newValue, noun: "state tensor") }
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
