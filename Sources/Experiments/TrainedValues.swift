import Models
import Tensors

/// A trained network's values as plain lists, to send from a child process or keep in a
/// result: its parameters and its state (batch norm's running averages), each tensor's
/// scalars in order.
struct TrainedValues: Codable {
    var parameters: [[Float]]
    var state: [[Float]]

    /// The values of `model`.
    init(_ model: Sequential<Float>) {
        parameters = model.parameters.map(\.scalars)
        state = model.states.map(\.scalars)
    }

    /// Values saved earlier (a `SeedResult`'s).
    init(parameters: [[Float]], state: [[Float]]) {
        self.parameters = parameters
        self.state = state
    }

    /// `network` (of the shape these values came from) with these values put in.
    func loaded(into network: Sequential<Float>) -> Sequential<Float> {
        var network = network
        network.parameters = zip(network.parameters, parameters).map { Tensor(shape: $0.shape, scalars: $1) }
        network.states = zip(network.states, state).map { Tensor(shape: $0.shape, scalars: $1) }
        return network
    }
}
