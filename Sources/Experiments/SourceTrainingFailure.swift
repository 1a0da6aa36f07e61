/// A black-box source that could not be trained: which, at which seed, and why.
public struct SourceTrainingFailure: Error, CustomStringConvertible {
    public var source: String
    public var seed: UInt64
    public var message: String

    public var description: String { "the black-box source \"\(source)\" failed at seed \(seed): \(message)" }
}
