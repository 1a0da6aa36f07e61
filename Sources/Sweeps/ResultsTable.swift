import DynamicJSON
import Foundation

/// Every run of a sweep flattened: a row per finished run, model and seed, with the grid's
/// parameters, the seed, the model and each per-seed quantity of the results file, plus the
/// runs that failed with their errors. Written as DIR/results.csv and DIR/results.json.
///
///     trainCount,seed,model,chosen,test_accuracy,...
///     30,0,cross-entropy,weightDecay=0.001,1,...
public struct ResultsTable: Sendable, Equatable {
    /// One row: a model at one seed of one run.
    public struct Row: Sendable, Equatable {
        /// The run's parameter values, in the order of `parameterNames`.
        public var parameters: [String]
        /// The seed (from the results file's `seeds`).
        public var seed: ResultValue
        /// The model's name.
        public var model: String
        /// The quantities at this seed, by name.
        public var values: [String: ResultValue]

        /// A row with all of its fields.
        public init(parameters: [String], seed: ResultValue, model: String, values: [String: ResultValue]) {
            self.parameters = parameters
            self.seed = seed
            self.model = model
            self.values = values
        }
    }

    /// A run that failed.
    public struct Failure: Sendable, Equatable, Codable {
        /// Its folder name under runs/.
        public var point: String
        /// Its parameters, by name.
        public var parameters: [String: String]
        /// Why it failed.
        public var error: String

        /// A failure with all of its fields.
        public init(point: String, parameters: [String: String], error: String) {
            self.point = point
            self.parameters = parameters
            self.error = error
        }
    }

    /// The fields of results.json that describe the sweep rather than its runs.
    public struct Header: Sendable, Equatable {
        /// The notebook's name, without `.ipynb`.
        public var notebook: String
        /// Each grid parameter's values, as given.
        public var parameters: [String: [String]]
        /// The parameters given more than one value.
        public var swept: [String]
        /// The seeds each point ran with `--seeds` (nil: each run trained the notebook's own).
        public var seeds: [Int]?

        /// A header with all of its fields.
        public init(notebook: String, parameters: [String: [String]] = [:], swept: [String] = [], seeds: [Int]? = nil) {
            self.notebook = notebook
            self.parameters = parameters
            self.swept = swept
            self.seeds = seeds
        }
    }

    /// The grid's parameters, in command-line order.
    public var parameterNames: [String]
    /// The quantity columns: `chosen` first when there is one, then the others sorted.
    public var quantityNames: [String]
    /// The rows, in the grid's order, then by model and seed.
    public var rows: [Row]
    /// The failed runs, in the grid's order.
    public var failures: [Failure]
    /// Points with no finished run (the sweep was stopped before them).
    public var unfinished: [String]

    /// The CSV's columns.
    public var columns: [String] { parameterNames + ["seed", "model"] + quantityNames }

    /// A table of `rows`; the quantity columns are the union of the rows' quantities.
    public init(parameterNames: [String], rows: [Row], failures: [Failure] = [], unfinished: [String] = []) {
        self.parameterNames = parameterNames
        self.rows = rows
        self.failures = failures
        self.unfinished = unfinished
        let names = Set(rows.flatMap(\.values.keys))
        quantityNames = (names.contains("chosen") ? ["chosen"] : []) + names.subtracting(["chosen"]).sorted()
    }

    /// The rows of one run's results file, for the point with `parameters`.
    public static func rows(of results: ResultsFileContents, parameters: [String]) -> [Row] {
        results.models.flatMap { model in
            model.seeds.indices.map { index in
                Row(parameters: parameters, seed: model.seeds[index], model: model.name,
                    values: model.quantities.compactMapValues { index < $0.count ? $0[index] : nil })
            }
        }
    }

    /// The table as CSV (RFC 4180: fields with a comma, quote or line break are quoted; a
    /// missing or null value is empty; lines end in \n).
    public func csv() -> String {
        var lines = [columns.map(Self.field).joined(separator: ",")]
        for row in rows {
            let fields = row.parameters + [row.seed.text, row.model] + quantityNames.map { row.values[$0]?.text ?? "" }
            lines.append(fields.map(Self.field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// One CSV field, quoted when it must be.
    static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// DIR/results.json: `columns`, `rows` (objects by column; parameters as given, as texts),
    /// `failed` (point, parameters, error) and `unfinished`, plus the `header` fields; keys
    /// sorted and indented (`JSONValue.prettyPrinted()`), with a final newline.
    public func json(header: Header) -> Data {
        let rows = rows.map { row -> JSONValue in
            var entry: JSONObject = ["seed": row.seed.json, "model": .string(row.model)]
            for (name, value) in zip(parameterNames, row.parameters) { entry[name] = .string(value) }
            for (name, value) in row.values { entry[name] = value.json }
            return .object(entry)
        }
        let failed = failures.map { failure -> JSONValue in
            ["point": .string(failure.point), "parameters": .object(failure.parameters.mapValues(JSONValue.string)),
             "error": .string(failure.error)]
        }
        let document: JSONValue = [
            "notebook": .string(header.notebook),
            "parameters": .object(header.parameters.mapValues { .array($0.map(JSONValue.string)) }),
            "swept": .array(header.swept.map(JSONValue.string)),
            "seeds": header.seeds.map { .array($0.map(JSONValue.int)) } ?? .null,
            "columns": .array(columns.map(JSONValue.string)), "rows": .array(rows), "failed": .array(failed),
            "unfinished": .array(unfinished.map(JSONValue.string)),
        ]
        return document.prettyPrinted() + Data("\n".utf8)
    }
}

extension ResultValue {
    /// The value as JSON (a number that is not finite is null).
    var json: JSONValue {
        switch self {
        case .integer(let value): .int(value)
        case .number(let value): value.isFinite ? .double(value) : .null
        case .text(let value): .string(value)
        case .truth(let value): .bool(value)
        case .null: .null
        }
    }
}
