/// Why ``ZeroMQTransport/bind(_:log:)`` could not set up the kernel's sockets.
public enum ZeroMQTransportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A socket could not bind to its endpoint, e.g. because the port is taken.
    case bindFailed(channel: String, endpoint: String, port: Int, reason: String)
    /// ZeroMQ could not create the context or a socket.
    case socketSetupFailed(reason: String)

    /// The text a user reads, naming the channel, endpoint and port.
    public var description: String {
        switch self {
        case .bindFailed(let channel, let endpoint, let port, let reason):
            return "cannot bind the \(channel) socket to \(endpoint) (port \(port)): \(reason)"
        case .socketSetupFailed(let reason):
            return "cannot set up the kernel's ZeroMQ sockets: \(reason)"
        }
    }
}
