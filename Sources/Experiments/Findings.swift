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
        tally = "\(held) of \(claims.count) claims hold\(Self.seedRange(seeds))."
    }

    /// Findings of these sentences and tally.
    init(sentences: [String], tally: String) {
        self.sentences = sentences
        self.tally = tally
    }

    /// " on seeds A to B", " on seed A", or "" for no seeds (`seeds` ascending).
    static func seedRange(_ seeds: [UInt64]) -> String {
        switch (seeds.first, seeds.last) {
        case let (first?, last?) where first != last: return " on seeds \(first) to \(last)"
        case let (first?, _): return " on seed \(first)"
        default: return ""
        }
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
