import NotebookDisplay

/// What a run found, in words its claims' verdicts chose: each claim's `finding` in the
/// order stated, then how many claims hold on which seeds. Shows as paragraphs in a
/// notebook and as one line per sentence elsewhere.
public struct Findings: CustomStringConvertible, RichDisplayable {
    /// The sentences the verdicts chose, in the order the claims were stated.
    public var sentences: [String]
    /// "K of N claims hold on seeds A to B." (or "on seed A.").
    public var tally: String

    init(claims: [Claim], seeds: [UInt64]) {
        sentences = claims.compactMap(\.finding)
        let held = claims.filter(\.holds).count
        let range = switch (seeds.first, seeds.last) {
        case let (first?, last?) where first != last: " on seeds \(first) to \(last)"
        case let (first?, _): " on seed \(first)"
        default: ""
        }
        tally = "\(held) of \(claims.count) claims hold\(range)."
    }

    public var description: String { (sentences + [tally]).joined(separator: "\n") }

    public var displayBundle: DisplayBundle {
        let html = (sentences + [tally]).map { "<p>\(HTML.escaped($0))</p>" }.joined(separator: "\n")
        return DisplayBundle(plainText: description, ["text/html": html])
    }
}

extension ExperimentResults {
    /// The findings of the claims stated so far (see `claim(_:_:ifHolds:otherwise:)`).
    public var findings: Findings { Findings(claims: claims, seeds: seeds) }
}
