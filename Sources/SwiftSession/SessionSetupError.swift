import ProcessSpawning

/// The session could not start a process or create what it needs on disk.
public struct SessionSetupError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, in words.
    public let description: String

    init(_ description: String) {
        self.description = description
    }

    /// A process or pipe that could not be made, in the spawn error's words.
    init(_ failure: SpawnError) {
        self.init(failure.description)
    }
}
