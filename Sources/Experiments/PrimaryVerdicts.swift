import NotebookDisplay
import SeedStatistics

/// The verdicts of a family of primary claims: each claim's effect with its 95% interval,
/// seeds, one-sided p-value, Holm-adjusted p-value and whether it holds; shown as a table,
/// with `findings` in words.
public struct PrimaryVerdicts: Sendable, Equatable, TableDisplay {
    /// The family-wise error rate the claims were tested at.
    public var alpha: Double
    /// One verdict per declared claim, in the order declared.
    public var verdicts: [PrimaryVerdict]
    /// Decimals of effects and intervals shown.
    public var digits: Int = 4

    /// The verdicts of `claims` from their `evaluations` (in the same order), Holm-corrected together.
    init(alpha: Double, claims: [PrimaryClaim], evaluations: [PrimaryEvaluation]) {
        self.alpha = alpha
        let adjusted = Statistics.holmAdjusted(evaluations.map(\.pValue))
        verdicts = zip(claims, zip(evaluations, adjusted)).map { claim, tested in
            PrimaryVerdict(claim: claim, evaluation: tested.0, holmPValue: tested.1, holds: tested.1 <= alpha)
        }
    }

    /// How many of the claims hold.
    public var heldCount: Int { verdicts.filter(\.holds).count }

    /// Every seed any claim's test used, ascending.
    public var seeds: [UInt64] { Array(Set(verdicts.flatMap(\.evaluation.seeds))).sorted() }

    /// The sentences the verdicts chose, in the order declared, then "K of N primary claims
    /// hold (Holm, alpha 0.05) on seeds A to B."
    public var findings: Findings {
        Findings(
            sentences: verdicts.compactMap(\.finding),
            tally: "\(heldCount) of \(verdicts.count) primary claims hold (Holm, alpha \(ResultText.number(alpha)))\(Findings.seedRange(seeds)).")
    }

    /// "+0.0123 [-0.0040, 0.0286]": the effect and its 95% interval.
    static func effectText(_ effect: MeanInterval, signed: Bool, digits: Int) -> String {
        let mean = signed ? ResultText.signed(effect.mean, digits) : ResultText.fixed(effect.mean, digits)
        return "\(mean) [\(ResultText.fixed(effect.lower, digits)), \(ResultText.fixed(effect.upper, digits))]"
    }

    /// claim | (level) | test | effect [95% CI] | seeds | p (one-sided) | Holm p | verdict.
    public var table: HTMLTable {
        let levels = verdicts.contains { $0.claim.level != nil }
        let header = ["claim"] + (levels ? ["level"] : []) + ["test", "effect [95% CI]", "seeds", "p (one-sided)", "Holm p", "verdict"]
        return HTMLTable(
            caption: "Primary claims: Holm correction across \(verdicts.count) claim\(verdicts.count == 1 ? "" : "s"), alpha \(ResultText.number(alpha)); effect: the mean paired difference (positive: the model is better) or the mean, with its 95% t interval over seeds",
            header: header.map { .header($0) },
            rows: verdicts.map { verdict in
                let paired = verdict.claim.test.models.count == 2
                return [.header(verdict.claim.text)] + (levels ? [.data(verdict.claim.level ?? "-")] : []) + [
                    .data(verdict.claim.test.kind),
                    .data(Self.effectText(verdict.evaluation.effect, signed: paired, digits: digits)),
                    .data(String(verdict.evaluation.seeds.count)),
                    .data(ResultText.pValue(verdict.evaluation.pValue)),
                    .data(ResultText.pValue(verdict.holmPValue)),
                    .data(verdict.holds ? "holds" : "does not hold"),
                ]
            })
    }
}
