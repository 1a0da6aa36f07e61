import Foundation

/// A value of a notebook's parameters as the results file records it.
public enum ParameterValue: Sendable, Equatable, Encodable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByStringLiteral
{
    case int(Int)
    case double(Double)
    case bool(Bool)
    case string(String)

    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(stringLiteral value: String) { self = .string(value) }

    /// The value of a notebook parameter of any of the recorded types (others as their text).
    public init(_ value: Any) {
        switch value {
        case let value as Bool: self = .bool(value)
        case let value as any BinaryInteger: self = .int(Int(value))
        case let value as Double: self = .double(value)
        case let value as Float: self = .double(Double(value))
        case let value as String: self = .string(value)
        default: self = .string(String(describing: value))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .double(let value): if value.isFinite { try container.encode(value) } else { try container.encodeNil() }
        case .bool(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }
}

extension ExperimentResults {
    /// Writes `NAME.results.json` (NAME: `notebook`) into `directory` (default: the working
    /// directory, where the executed notebook is written) and returns its path. The shape:
    ///
    ///     {"notebook": NAME, "parameters": {...},
    ///      "models": {MODEL: {"seeds": [...], "chosen": [...], QUANTITY: [...], ...}},
    ///      "claims": [{"claim": TEXT, "holds": true|false, "detail": TEXT}],
    ///      "primary": [{"claim": TEXT, "test": "non-inferiority, margin 0.01", "level": LABEL|null,
    ///                   "effect": E, "lower": L, "upper": U, "seeds": N, "p": P, "holm_p": P,
    ///                   "alpha": 0.05, "holds": true|false}]}
    ///
    /// with one entry per finished seed in every list (a value that is not finite is null),
    /// keys sorted, so the same run writes the same bytes. "primary" is there only when
    /// primary claims were evaluated (`PrimaryClaims.evaluate(on:)`). The file is written atomically.
    @discardableResult
    public func save(notebook: String, parameters: KeyValuePairs<String, Any>, directory: String = ".") throws -> String {
        try ExperimentResults.save([("", self)], notebook: notebook, parameters: parameters, directory: directory)
    }

    /// Writes the results of several experiments of one notebook (one per noise level, say)
    /// into one `NAME.results.json`: each model appears as "MODEL @ LABEL" (just MODEL for
    /// an empty label), and the claims of every part are listed in order. A part's primary
    /// verdicts are listed too, their level the part's label; more than one part with primary
    /// verdicts is refused (a file has one family of primary claims, corrected together).
    ///
    ///     try ExperimentResults.save([("noise 0%", clean), ("noise 40%", noisy)], notebook: "04-noisy-labels", parameters: [...])
    @discardableResult
    public static func save(
        _ parts: [(label: String, results: ExperimentResults)], notebook: String, parameters: KeyValuePairs<String, Any>,
        directory: String = "."
    ) throws -> String {
        try write(parts, primary: primaryFamilies(of: parts), notebook: notebook, parameters: parameters, directory: directory)
    }

    /// The primary verdicts recorded in `parts`, each with its part's label.
    static func primaryFamilies(of parts: [(label: String, results: ExperimentResults)]) -> [(label: String, verdicts: PrimaryVerdicts)] {
        parts.compactMap { part in part.results.primaryVerdicts.map { (label: part.label, verdicts: $0) } }
    }

    /// Writes the file of `parts` with the `primary` families' verdicts (at most one family;
    /// a verdict without a level takes its family's label, nil when empty).
    static func write(
        _ parts: [(label: String, results: ExperimentResults)], primary: [(label: String, verdicts: PrimaryVerdicts)],
        notebook: String, parameters: KeyValuePairs<String, Any>, directory: String
    ) throws -> String {
        guard primary.count <= 1 else { throw ResultsFileError.severalPrimaryFamilies(primary.count) }
        var models: [String: ModelResults] = [:]
        for (label, results) in parts {
            for model in results.models {
                let runs = results.runs(of: model)
                var lists: [String: [Double]] = [:]
                for quantity in results.quantities { lists[quantity] = runs.map { $0.quantities[quantity] ?? .nan } }
                let key = label.isEmpty ? model : "\(model) @ \(label)"
                guard models[key] == nil else { throw ResultsFileError.repeatedModel(key) }
                models[key] = ModelResults(seeds: runs.map(\.seed), chosen: runs.map(\.chosen), quantities: lists)
            }
        }
        let file = ResultsFileContent(
            notebook: notebook,
            parameters: Dictionary(parameters.map { ($0.key, ParameterValue($0.value)) }, uniquingKeysWith: { $1 }),
            models: models,
            claims: parts.flatMap(\.results.claims).map { ClaimRecord(claim: $0.text, holds: $0.holds, detail: $0.detail) },
            primary: primary.first.map { family in
                family.verdicts.verdicts.map { PrimaryRecord($0, alpha: family.verdicts.alpha, label: family.label) }
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let path = (directory as NSString).appendingPathComponent("\(notebook).results.json")
        try encoder.encode(file).write(to: URL(fileURLWithPath: path), options: .atomic)
        return path
    }
}

/// Why a results file could not be written.
public enum ResultsFileError: Error, Equatable, CustomStringConvertible {
    /// Two parts of a combined file name the same model with the same label.
    case repeatedModel(String)
    /// Primary claims were evaluated on more than one part (or on a series and one of its
    /// levels): each family was corrected on its own, and a file holds one.
    case severalPrimaryFamilies(Int)

    public var description: String {
        switch self {
        case .repeatedModel(let name): return "the results file would list the model \"\(name)\" twice: give each part its own label"
        case .severalPrimaryFamilies(let count):
            return "the results file would list \(count) families of primary claims, each Holm-corrected on its own: declare them all in one PrimaryClaims and evaluate it once"
        }
    }
}

/// The results file's top level.
private struct ResultsFileContent: Encodable {
    var notebook: String
    var parameters: [String: ParameterValue]
    var models: [String: ModelResults]
    var claims: [ClaimRecord]
    /// Absent (not null) when no primary claims were evaluated, so such files keep their bytes.
    var primary: [PrimaryRecord]?
}

/// One model's lists: seeds, chosen grid points, and one list per quantity.
private struct ModelResults: Encodable {
    var seeds: [UInt64]
    var chosen: [String]
    var quantities: [String: [Double]]

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(seeds, forKey: Key(stringValue: "seeds"))
        try container.encode(chosen, forKey: Key(stringValue: "chosen"))
        for (quantity, values) in quantities {
            var list = container.nestedUnkeyedContainer(forKey: Key(stringValue: quantity))
            for value in values {
                if value.isFinite { try list.encode(value) } else { try list.encodeNil() }
            }
        }
    }
}

/// One claim as the results file records it.
private struct ClaimRecord: Encodable {
    var claim: String
    var holds: Bool
    var detail: String
}

/// One primary claim's verdict as the results file records it: numbers that are not finite
/// are null, and so is the level of a single experiment's claim.
private struct PrimaryRecord: Encodable {
    var claim: String
    var test: String
    var level: String?
    var effect: Double
    var lower: Double
    var upper: Double
    var seeds: Int
    var p: Double
    var holmP: Double
    var alpha: Double
    var holds: Bool

    init(_ verdict: PrimaryVerdict, alpha: Double, label: String) {
        claim = verdict.claim.text
        test = verdict.claim.test.kind
        level = verdict.claim.level ?? (label.isEmpty ? nil : label)
        effect = verdict.evaluation.effect.mean
        lower = verdict.evaluation.effect.lower
        upper = verdict.evaluation.effect.upper
        seeds = verdict.evaluation.seeds.count
        p = verdict.evaluation.pValue
        holmP = verdict.holmPValue
        self.alpha = alpha
        holds = verdict.holds
    }

    enum CodingKeys: String, CodingKey {
        case claim, test, level, effect, lower, upper, seeds, p, alpha, holds
        case holmP = "holm_p"
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(claim, forKey: .claim)
        try container.encode(test, forKey: .test)
        if let level { try container.encode(level, forKey: .level) } else { try container.encodeNil(forKey: .level) }
        for (value, key) in [(effect, CodingKeys.effect), (lower, .lower), (upper, .upper), (p, .p), (holmP, .holmP), (alpha, .alpha)] {
            if value.isFinite { try container.encode(value, forKey: key) } else { try container.encodeNil(forKey: key) }
        }
        try container.encode(seeds, forKey: .seeds)
        try container.encode(holds, forKey: .holds)
    }
}
