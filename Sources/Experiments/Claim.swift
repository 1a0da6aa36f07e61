import NotebookDisplay

/// A statement about an experiment's results with its verdict, computed when stated:
/// a claim that does not hold is a result to show, not an error.
public struct Claim: Sendable, Equatable, Codable, CustomStringConvertible, RichDisplayable {
    /// The statement, as the notebook words it.
    public var text: String
    public var holds: Bool
    /// The numbers behind the verdict.
    public var detail: String

    init(text: String, evaluation: (holds: Bool, detail: String)) {
        self.text = text
        holds = evaluation.holds
        detail = evaluation.detail
    }

    /// "holds: TEXT\n  DETAIL" or "does not hold: ...".
    public var description: String { "\(holds ? "holds" : "does not hold"): \(text)\n  \(detail)" }

    public var displayBundle: DisplayBundle {
        let verdict = holds ? "<b style=\"color:#1a7f37\">holds</b>" : "<b style=\"color:#cf222e\">does not hold</b>"
        let html = "<p>\(verdict): \(HTML.escaped(text))<br><small>\(HTML.escaped(detail))</small></p>"
        return DisplayBundle(plainText: description, ["text/html": html])
    }
}
