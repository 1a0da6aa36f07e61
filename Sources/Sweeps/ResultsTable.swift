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
    /// `failed` (point, parameters, error) and `unfinished`, plus the `header` fields.
    public func json(header: [String: Any]) throws(SweepError) -> Data {
        var object = header
        object["columns"] = columns
        object["rows"] = rows.map { row -> [String: Any] in
            var entry: [String: Any] = ["seed": row.seed.jsonObject, "model": row.model]
            for (name, value) in zip(parameterNames, row.parameters) { entry[name] = value }
            for (name, value) in row.values { entry[name] = value.jsonObject }
            return entry
        }
        object["failed"] = failures.map { ["point": $0.point, "parameters": $0.parameters, "error": $0.error] }
        object["unfinished"] = unfinished
        do {
            return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
                + Data("\n".utf8)
        } catch {
            throw SweepError("cannot write the results as JSON: \(error.localizedDescription)")
        }
    }
}

extension ResultValue {
    /// The value for JSONSerialization.
    var jsonObject: Any {
        switch self {
        case .integer(let value): value
        case .number(let value): value.isFinite ? value as Any : NSNull()
        case .text(let value): value
        case .truth(let value): value
        case .null: NSNull()
        }
    }
}
