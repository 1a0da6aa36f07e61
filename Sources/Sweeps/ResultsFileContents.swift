import Foundation

/// The part of a notebook's NAME.results.json a sweep reads (notebooks/README.md): for each
/// model, its `seeds` and one list per quantity with an entry per seed.
public struct ResultsFileContents: Sendable, Equatable {
    /// One model's per-seed lists.
    public struct Model: Sendable, Equatable {
        /// The model's name.
        public var name: String
        /// The seeds that finished, in order.
        public var seeds: [ResultValue]
        /// Each quantity's list (one entry per seed), by name.
        public var quantities: [String: [ResultValue]]
    }

    /// The models, sorted by name.
    public var models: [Model]

    /// Reads the results file at `url`; the error names the file and what is missing.
    public init(contentsOf url: URL) throws(SweepError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw SweepError("cannot read \(url.path): \(error.localizedDescription)")
        }
        try self.init(data: data, source: url.path)
    }

    /// Reads a results file's bytes; `source` names it in errors.
    public init(data: Data, source: String) throws(SweepError) {
        struct File: Decodable { var models: [String: [String: ResultValueList]] }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw SweepError("\(source) is not a results file (an object with \"models\", as notebooks/README.md says): \(error)")
        }
        models = file.models.keys.sorted().map { name in
            let lists = file.models[name]!
            var quantities: [String: [ResultValue]] = [:]
            for (key, list) in lists where key != "seeds" {
                if let values = list.values { quantities[key] = values }
            }
            return Model(name: name, seeds: lists["seeds"]?.values ?? [], quantities: quantities)
        }
    }
}

/// A model's entry in a results file: a list of values, or something else (ignored).
private struct ResultValueList: Decodable {
    var values: [ResultValue]?

    init(from decoder: Decoder) throws {
        values = try? decoder.singleValueContainer().decode([ResultValue].self)
    }
}
