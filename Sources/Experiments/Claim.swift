import NotebookDisplay

/// A statement about an experiment's results with its verdict, computed when stated:
/// a claim that does not hold is a result to show, not an error.
public struct Claim: Sendable, Equatable, Codable, CustomStringConvertible, RichDisplayable {
    /// The statement, as the notebook words it.
    public var text: String
    public var holds: Bool
    /// The numbers behind the verdict.
    public var detail: String
    /// What the verdict means in the notebook's words: the sentence stated for "holds" or
    /// for "does not hold", whichever the verdict chose (nil when none was stated for it).
    /// Not saved in the results file.
    public var finding: String?

    enum CodingKeys: String, CodingKey { case text, holds, detail }

    init(text: String, evaluation: (holds: Bool, detail: String), ifHolds: String? = nil, otherwise: String? = nil) {
        self.text = text
        holds = evaluation.holds
        detail = evaluation.detail
        finding = holds ? ifHolds : otherwise
    }

    /// "holds: TEXT\n  DETAIL" or "does not hold: ...".
    public var description: String { "\(holds ? "holds" : "does not hold"): \(text)\n  \(detail)" }

    public var displayBundle: DisplayBundle {
        let verdict = holds ? "<b style=\"color:#1a7f37\">holds</b>" : "<b style=\"color:#cf222e\">does not hold</b>"
        let html = "<p>\(verdict): \(HTML.escaped(text))<br><small>\(HTML.escaped(detail))</small></p>"
        return DisplayBundle(plainText: description, ["text/html": html])
    }
}
