/// Help found for a name: an `inspect_reply` with `found: true`.
public struct InspectionResult: Sendable, Equatable {
    /// The reply's `data` and `metadata`.
    public var bundle: MIMEBundle

    /// A result showing `bundle`.
    public init(bundle: MIMEBundle) {
        self.bundle = bundle
    }
}
