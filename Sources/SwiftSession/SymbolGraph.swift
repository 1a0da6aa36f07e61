import Foundation

/// The symbols of one module, read from a symbol graph file (`*.symbols.json`, as written by
/// `swiftc -emit-symbol-graph` or `swift-symbolgraph-extract`): names, declarations with
/// their inferred types, and documentation comments.
struct SymbolGraph {
    /// One declared symbol.
    struct Symbol: Equatable, Sendable {
        /// The path of names, e.g. ["x"], ["Point", "norm()"].
        var path: [String]
        /// The declaration as the compiler sees it, e.g. "var x: Tensor<Float>".
        var declaration: String
        /// The documentation comment, without markers.
        var documentation: String?

        /// The last path component without its argument labels: "norm()" → "norm".
        var baseName: String {
            let last = path.last ?? ""
            return last.firstIndex(of: "(").map { String(last[..<$0]) } ?? last
        }
    }

    let symbols: [Symbol]

    /// Reads a symbol graph file; nil when it is missing or not a symbol graph.
    init?(contentsOf file: URL) {
        guard let data = try? Data(contentsOf: file),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let entries = root["symbols"] as? [[String: Any]] else { return nil }
        symbols = entries.compactMap { entry in
            guard let path = entry["pathComponents"] as? [String], entry["kind"] is [String: Any] else { return nil }
            let fragments = (entry["declarationFragments"] as? [[String: Any]]) ?? []
            let declaration = fragments.compactMap { $0["spelling"] as? String }.joined()
            let lines = ((entry["docComment"] as? [String: Any])?["lines"] as? [[String: Any]]) ?? []
            let documentation = lines.compactMap { $0["text"] as? String }.joined(separator: "\n")
            return Symbol(path: path, declaration: declaration,
                          documentation: documentation.isEmpty ? nil : documentation)
        }
    }
}
