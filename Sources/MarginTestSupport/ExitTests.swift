import Testing

/// The standard error an exit test observed, as text (empty if it observed none).
///
///     let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) { ... }
///     #expect(standardError(of: result).contains("shape mismatch"))
public func standardError(of result: ExitTest.Result?) -> String {
    String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
}
