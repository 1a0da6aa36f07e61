/// A failed ZeroMQ call: the operation, the errno value and libzmq's own text for it
/// (`zmq_strerror`).
///
/// ```swift
/// // zmq_bind to "bogus://x" failed: Protocol not supported
/// ```
public struct ZeroMQError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was attempted, e.g. `zmq_bind to "tcp://127.0.0.1:5555"`.
    public var operation: String
    /// The errno value libzmq reported.
    public var code: Int32
    /// `zmq_strerror(code)`, e.g. "Address already in use".
    public var message: String

    /// An error from its parts.
    public init(operation: String, code: Int32, message: String) {
        self.operation = operation
        self.code = code
        self.message = message
    }

    /// The text a user reads: "`operation` failed: `message`".
    public var description: String { "\(operation) failed: \(message)" }
}
