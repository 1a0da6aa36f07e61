import Models

/// A trained black-box source's values as a child process sends them back: its parameters
/// and its state (batch norm's running averages), each tensor's scalars in order.
struct SourceParameters: Codable {
    var parameters: [[Float]]
    var state: [[Float]]

    /// The values of `model`.
    init(_ model: Sequential<Float>) {
        parameters = model.parameters.map(\.scalars)
        state = model.states.map(\.scalars)
    }
}
