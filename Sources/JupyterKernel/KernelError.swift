/// A failed execution: the `ename`, `evalue` and `traceback` of the `error` message and
/// of the error `execute_reply`.
///
/// ```swift
/// KernelError(ename: "CompileError", evalue: "cannot find 'x' in scope", traceback: ["cell 3:1: …"])
/// ```
public struct KernelError: Error, Sendable, Equatable {
    /// The error's name, e.g. `"CompileError"`.
    public var ename: String
    /// The error's message.
    public var evalue: String
    /// The lines the frontend shows (ANSI colour codes allowed).
    public var traceback: [String]

    /// An error from its name, message and traceback lines.
    public init(ename: String, evalue: String, traceback: [String] = []) {
        self.ename = ename
        self.evalue = evalue
        self.traceback = traceback
    }
}
