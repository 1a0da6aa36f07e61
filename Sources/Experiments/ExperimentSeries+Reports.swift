import NotebookDisplay

/// A series level by level: under each level's heading, its tables (summaries, comparisons,
/// chosen hyper-parameters, claims); HTML in a notebook, text elsewhere.
public struct SeriesReport: CustomStringConvertible, RichDisplayable {
    /// (heading, displays) for each level shown.
    public var sections: [(heading: String, parts: [any RichDisplayable & CustomStringConvertible])]

    public var description: String {
        sections.map { section in (["== \(section.heading) =="] + section.parts.map(\.description)).joined(separator: "\n") }
            .joined(separator: "\n\n")
    }

    public var displayBundle: DisplayBundle {
        let html = sections.map { section in
            "<h4>\(HTML.escaped(section.heading))</h4>\n"
                + section.parts.map { $0.displayBundle.data["text/html"] ?? "<pre>\(HTML.escaped($0.description))</pre>" }.joined(separator: "\n")
        }.joined(separator: "\n")
        return DisplayBundle(plainText: description, ["text/html": html])
    }
}

extension ExperimentSeries {
    /// For each level ("LABEL, N seeds"): the mean and 95% interval of `quantities`, every
    /// model against `baseline` on `compared` paired by seed, and the hyper-parameters
    /// validation chose. A quantity a level did not measure is left out at that level.
    public func levelReport(_ quantities: [String], against baseline: String, comparing compared: [String]) -> SeriesReport {
        SeriesReport(sections: levels.map { level in
            let r = level.results
            return ("\(level.label), \(r.seeds.count) seeds",
                    [r.summary(quantities.filter(r.quantities.contains)),
                     r.compare(against: baseline, on: compared.filter(r.quantities.contains)), r.choices])
        })
    }

    /// The claims of every level that has any, under the level's label.
    public var claimsReport: SeriesReport {
        SeriesReport(sections: levels.filter { !$0.results.claims.isEmpty }.map { ($0.label, [$0.results.claimsTable]) })
    }
}
