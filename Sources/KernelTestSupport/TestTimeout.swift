/// A test failure with a message, for waits that time out.
public struct TestTimeout: Error, CustomStringConvertible {
    /// What was waited for, and how long.
    public var description: String

    /// A failure saying `description`.
    public init(description: String) {
        self.description = description
    }
}
