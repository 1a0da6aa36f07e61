/// Why an ``InMemoryTransport`` call failed.
public enum InMemoryTransportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The end was closed (``InMemoryTransport/close()``) before the call.
    case closed(KernelChannel)

    /// The text a user reads, naming the channel.
    public var description: String {
        switch self {
        case .closed(let channel): return "the in-memory transport's \(channel.rawValue) channel is closed"
        }
    }
}
