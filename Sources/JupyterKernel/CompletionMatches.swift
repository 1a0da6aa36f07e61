import JupyterWire

/// The completions for a cursor position: the content of `complete_reply`.
///
/// `cursorStart` and `cursorEnd` delimit, in Unicode code points, the text the chosen
/// match replaces.
public struct CompletionMatches: Sendable, Equatable {
    /// `matches`: the candidate texts.
    public var matches: [String]
    /// `cursor_start`, in Unicode code points.
    public var cursorStart: Int
    /// `cursor_end`, in Unicode code points.
    public var cursorEnd: Int
    /// `metadata` (e.g. `_jupyter_types_experimental`).
    public var metadata: [String: JSONValue]

    /// Completions from their fields.
    public init(matches: [String], cursorStart: Int, cursorEnd: Int, metadata: [String: JSONValue] = [:]) {
        self.matches = matches
        self.cursorStart = cursorStart
        self.cursorEnd = cursorEnd
        self.metadata = metadata
    }
}
