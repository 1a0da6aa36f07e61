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
              let graph = try? JSONDecoder().decode(File.self, from: data) else { return nil }
        symbols = graph.symbols.compactMap { entry in
            guard let path = entry.pathComponents, entry.kind != nil else { return nil }
            let declaration = (entry.declarationFragments ?? []).compactMap(\.spelling).joined()
            let documentation = (entry.docComment?.lines ?? []).compactMap(\.text).joined(separator: "\n")
            return Symbol(path: path, declaration: declaration,
                          documentation: documentation.isEmpty ? nil : documentation)
        }
    }

    /// The parts of a symbol graph file that are read: each symbol's path, kind,
    /// declaration fragments and documentation lines.
    private struct File: Decodable {
        struct Entry: Decodable {
            struct Kind: Decodable {
                var identifier: String?
            }

            struct Fragment: Decodable {
                var spelling: String?
            }

            struct DocComment: Decodable {
                struct Line: Decodable {
                    var text: String?
                }

                var lines: [Line]?
            }

            var pathComponents: [String]?
            var kind: Kind?
            var declarationFragments: [Fragment]?
            var docComment: DocComment?
        }

        var symbols: [Entry]
    }
}
