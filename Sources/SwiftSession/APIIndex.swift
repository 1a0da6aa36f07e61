import Foundation

/// The public API of the preloaded modules (from `swift-symbolgraph-extract`, run once on
/// first use) together with the session's own names: what completion offers and what
/// inspection shows.
struct APIIndex {
    /// Top-level symbols by base name (functions, types, globals).
    private(set) var topLevel: [String: [SymbolGraph.Symbol]] = [:]
    /// Members by type name.
    private(set) var members: [String: [SymbolGraph.Symbol]] = [:]

    /// Extracts and reads the symbol graphs of `modules` into `directory`.
    init(modules: [String], extractor: String, searchArguments: [String], directory: URL) {
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for module in modules {
            let graphFile = directory.appendingPathComponent("\(module).symbols.json")
            if !FileManager.default.fileExists(atPath: graphFile.path) {
                let run = ToolRun(arguments: [extractor, "-module-name", module, "-target", Self.targetTriple,
                                              "-output-dir", directory.path, "-minimum-access-level", "public",
                                              "-skip-synthesized-members"] + searchArguments)
                _ = run.wait()
            }
            guard let graph = SymbolGraph(contentsOf: graphFile) else { continue }
            add(graph)
        }
    }

    /// Adds a module's symbols.
    mutating func add(_ graph: SymbolGraph) {
        for symbol in graph.symbols where !symbol.baseName.hasPrefix("_") {
            if symbol.path.count == 1 {
                topLevel[symbol.baseName, default: []].append(symbol)
            } else if symbol.path.count == 2 {
                members[symbol.path[0], default: []].append(symbol)
            }
        }
    }

    /// The target triple of this machine, as the extractor wants it.
    static var targetTriple: String {
        #if arch(x86_64)
        return "x86_64-unknown-linux-gnu"
        #else
        return "aarch64-unknown-linux-gnu"
        #endif
    }
}

/// Swift's keywords and common standard-library names, offered by completion too.
enum SwiftVocabulary {
    static let keywords = [
        "associatedtype", "break", "case", "catch", "class", "continue", "default", "defer", "do", "else",
        "enum", "extension", "fallthrough", "false", "for", "func", "guard", "if", "import", "in", "init",
        "inout", "internal", "let", "nil", "private", "protocol", "public", "repeat", "return", "self",
        "static", "struct", "switch", "throw", "throws", "true", "try", "typealias", "var", "where", "while",
    ]
    static let standardLibrary = [
        "Array", "Bool", "Character", "Dictionary", "Double", "Float", "Int", "Optional", "Range", "Set",
        "String", "UInt", "UInt64", "abs", "assert", "debugPrint", "dump", "fatalError", "max", "min",
        "precondition", "print", "readLine", "stride", "swap", "type", "zip",
    ]
}
