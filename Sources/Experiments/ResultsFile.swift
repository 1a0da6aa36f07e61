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
    ///      "claims": [{"claim": TEXT, "holds": true|false, "detail": TEXT}]}
    ///
    /// with one entry per finished seed in every list (a value that is not finite is null),
    /// keys sorted, so the same run writes the same bytes. The file is written atomically.
    @discardableResult
    public func save(notebook: String, parameters: KeyValuePairs<String, Any>, directory: String = ".") throws -> String {
        try ExperimentResults.save([("", self)], notebook: notebook, parameters: parameters, directory: directory)
    }

    /// Writes the results of several experiments of one notebook (one per noise level, say)
    /// into one `NAME.results.json`: each model appears as "MODEL @ LABEL" (just MODEL for
    /// an empty label), and the claims of every part are listed in order.
    ///
    ///     try ExperimentResults.save([("noise 0%", clean), ("noise 40%", noisy)], notebook: "04-noisy-labels", parameters: [...])
    @discardableResult
    public static func save(
        _ parts: [(label: String, results: ExperimentResults)], notebook: String, parameters: KeyValuePairs<String, Any>,
        directory: String = "."
    ) throws -> String {
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
            claims: parts.flatMap(\.results.claims).map { ClaimRecord(claim: $0.text, holds: $0.holds, detail: $0.detail) })
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

    public var description: String {
        switch self {
        case .repeatedModel(let name): return "the results file would list the model \"\(name)\" twice: give each part its own label"
        }
    }
}

/// The results file's top level.
private struct ResultsFileContent: Encodable {
    var notebook: String
    var parameters: [String: ParameterValue]
    var models: [String: ModelResults]
    var claims: [ClaimRecord]
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
