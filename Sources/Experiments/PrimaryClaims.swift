import NotebookDisplay

/// The few claims a notebook makes its findings of, declared before the run: each is a
/// one-sided t-test over seeds, and they are tested as one family with Holm's correction at
/// level `alpha`. Shown before the run, it lists the claims with their tests, so a reader sees
/// what was promised before any result; `evaluate(on:)` after the run gives the verdicts and
/// records them for the results file (its "primary" key).
///
///     var primary = PrimaryClaims(alpha: 0.05)
///     primary.declare("At 80% noise the margin is not worse than cross-entropy by 0.01 or more",
///                     .notWorse("large margin", than: "cross-entropy", on: Quantity.testAccuracy, margin: 0.01),
///                     at: "noise 80%")
///     primary                                         // the declared claims, before the run
///     // ... run the series ...
///     primary.evaluate(on: series)                    // the verdicts, Holm-corrected
public struct PrimaryClaims: Sendable, Equatable, TableDisplay {
    /// The family-wise error rate the claims are tested at together.
    public let alpha: Double
    /// The claims, in the order declared.
    public private(set) var claims: [PrimaryClaim] = []

    /// No claims yet, to be tested together at family-wise level `alpha` (0 < alpha < 1).
    public init(alpha: Double = 0.05) {
        guard alpha > 0 && alpha < 1 else { fatalError("primary claims need 0 < alpha < 1, got \(alpha)") }
        self.alpha = alpha
    }

    /// Declares a primary claim: `text`, tested by `test` at the series' level labelled `level`
    /// (nil for a single experiment). `ifHolds` and `otherwise` are the findings' sentences
    /// for each verdict.
    public mutating func declare(_ text: String, _ test: PrimaryTest, at level: String? = nil, ifHolds: String? = nil, otherwise: String? = nil) {
        test.checkBounds()
        claims.append(PrimaryClaim(text: text, test: test, level: level, ifHolds: ifHolds, otherwise: otherwise))
    }

    /// Tests every claim on its level of `series`, corrects them together (Holm) and records
    /// the verdicts in `series` for its results file. Stops with a message when a claim has
    /// no level, names a level the series lacks, or a model or quantity its level lacks.
    @discardableResult
    public func evaluate(on series: ExperimentSeries) -> PrimaryVerdicts {
        let verdicts = tested { claim in
            guard let label = claim.level else {
                fatalError("the primary claim \"\(claim.text)\" names no level, and a series needs one (at: one of \(series.labels))")
            }
            guard let level = series.levels.first(where: { $0.label == label }) else {
                fatalError("the primary claim \"\(claim.text)\" is at \"\(label)\", which the series lacks; its levels: \(series.labels)")
            }
            return (level.results, "the experiment at \"\(label)\"")
        }
        series.primaryVerdicts = verdicts
        return verdicts
    }

    /// Tests every claim on `results`, corrects them together (Holm) and records the verdicts
    /// in `results` for its results file. Stops with a message when a claim names a level (a
    /// single experiment has none), or a model or quantity the experiment lacks.
    @discardableResult
    public func evaluate(on results: ExperimentResults) -> PrimaryVerdicts {
        let verdicts = tested { claim in
            if let level = claim.level {
                fatalError("the primary claim \"\(claim.text)\" is at \"\(level)\", but a single experiment has no levels (declare it without at:)")
            }
            return (results, "the experiment")
        }
        results.primaryVerdicts = verdicts
        return verdicts
    }

    /// Every claim tested on the results `place` finds for it, then Holm's adjustment.
    private func tested(_ place: (PrimaryClaim) -> (results: ExperimentResults, name: String)) -> PrimaryVerdicts {
        guard !claims.isEmpty else { fatalError("no primary claims were declared: declare them before the run, then evaluate") }
        let evaluations = claims.map { claim -> PrimaryEvaluation in
            let (results, name) = place(claim)
            for model in claim.test.models where !results.models.contains(model) {
                fatalError("the primary claim \"\(claim.text)\" names the model \"\(model)\", which \(name) lacks; its models: \(results.models)")
            }
            guard results.quantities.contains(claim.test.quantity) else {
                fatalError("the primary claim \"\(claim.text)\" is on \"\(claim.test.quantity)\", which \(name) did not measure; it measured: \(results.quantities)")
            }
            return claim.test.evaluate(on: results)
        }
        return PrimaryVerdicts(alpha: alpha, claims: claims, evaluations: evaluations)
    }

    /// The declared claims with their tests, the correction and alpha.
    public var table: HTMLTable {
        let levels = claims.contains { $0.level != nil }
        return HTMLTable(
            caption: "Primary claims, declared before the run: one-sided t-tests over seeds, Holm correction across \(claims.count) claim\(claims.count == 1 ? "" : "s"), alpha \(ResultText.number(alpha))",
            header: (["claim"] + (levels ? ["level"] : []) + ["compares", "test"]).map { .header($0) },
            rows: claims.map { claim in
                [.header(claim.text)] + (levels ? [.data(claim.level ?? "-")] : []) + [.data(claim.test.comparison), .data(claim.test.kind)]
            })
    }
}
