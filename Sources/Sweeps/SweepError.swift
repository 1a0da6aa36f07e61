/// What stops a sweep, in words that name the problem and, where there is one, the fix.
public struct SweepError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The message shown to the user.
    public let description: String

    /// An error with the message `description`.
    public init(_ description: String) {
        self.description = description
    }
}
