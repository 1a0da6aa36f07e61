extension ExperimentSeries {
    /// States `text` at `level` (kept in that level's results and results file) and records
    /// the sentence its verdict chose for `findings`.
    @discardableResult
    public func claim(at level: Level, _ text: String, _ test: ClaimTest, ifHolds: String? = nil, otherwise: String? = nil) -> Claim {
        let claim = level.results.claim(text, test)
        findingSentences.append(claim.holds ? ifHolds : otherwise)
        return claim
    }

    /// States one claim at each of `levels` (`text` and `test` for each level, kept in that
    /// level's results) and records one sentence for `findings`: `ifHolds` when it holds at
    /// every level, `partly` when at some but not all, `otherwise` when at none (and when at
    /// some, if `partly` is nil).
    ///
    ///     series.claim(at: series.levels.suffix(2), { "At \($0.label), the margin is not below cross-entropy" },
    ///                  { _ in .meanNotWorse("margin", than: "cross-entropy", on: Quantity.testAccuracy, tolerance: 0) },
    ///                  ifHolds: "At heavy noise the margin was not below cross-entropy.",
    ///                  otherwise: "At heavy noise the margin fell below cross-entropy.")
    @discardableResult
    public func claim<Levels: Sequence>(
        at levels: Levels, _ text: (Level) -> String, _ test: (Level) -> ClaimTest, ifHolds: String? = nil, partly: String? = nil,
        otherwise: String? = nil
    ) -> [Claim] where Levels.Element == Level {
        let claims = levels.map { $0.results.claim(text($0), test($0)) }
        finding(for: claims, ifAllHold: ifHolds, ifSomeHold: partly ?? otherwise, ifNoneHold: otherwise)
        return claims
    }

    /// One sentence for claims already stated (at any levels), chosen by how many hold: all
    /// of them (`ifAllHold`), some but not all (`ifSomeHold`), or none (`ifNoneHold`); nil
    /// for a case records no sentence, and so do no claims. Findings keep the order in which
    /// they were recorded.
    public func finding(for claims: [Claim], ifAllHold: String? = nil, ifSomeHold: String? = nil, ifNoneHold: String? = nil) {
        guard !claims.isEmpty else { return }
        let held = claims.filter(\.holds).count
        findingSentences.append(held == claims.count ? ifAllHold : held == 0 ? ifNoneHold : ifSomeHold)
    }

    /// Every level's claims, in level order and the order stated.
    public var claims: [Claim] { results.flatMap(\.claims) }

    /// The sentences the verdicts chose, in the order they were stated, then how many of all
    /// the levels' claims hold on which seeds.
    public var findings: Findings {
        var findings = Findings(claims: claims, seeds: seeds)
        findings.sentences = findingSentences.compactMap { $0 }
        return findings
    }
}
