/// What the session's cells have declared, newest definition of each name last, and the
/// imports a new cell needs to see all of it with the newest definition winning.
struct SessionSymbolTable {
    /// One top-level name a cell declared.
    struct Entry: Equatable, Sendable {
        var name: String
        /// The scoped-import keyword for it: var, let, func, struct, class, enum, protocol, typealias.
        var importKeyword: String
        /// The declaration with its type, e.g. "var x: Tensor<Float>".
        var declaration: String
        var documentation: String?
        /// The cell module that declares it, e.g. "Cell3".
        var module: String
    }

    /// Cell modules that declare something (names or extensions), oldest first.
    private(set) var modules: [String] = []
    /// Modules of cells that stopped at an uncaught error: later cells import only the names
    /// recorded for them (scoped imports), so the variables those cells did not finish
    /// initialising are not in scope.
    private var partlyImportedModules: Set<String> = []
    private var definitions: [String: [Entry]] = [:]
    /// Members of types declared in cells, by type name (from the cells' symbol graphs).
    private(set) var members: [String: [SymbolGraph.Symbol]] = [:]

    /// Records a cell module and the names it declares (`graph` adds types and members).
    /// With `onlyTheseNames`, later cells import just `entries` from the module, each with a
    /// scoped import, not the whole module.
    mutating func add(module: String, entries: [Entry], graph: SymbolGraph?, onlyTheseNames: Bool = false) {
        modules.append(module)
        if onlyTheseNames { partlyImportedModules.insert(module) }
        var entries = entries
        if let graph {
            for symbol in graph.symbols where symbol.path.count == 1 {
                if let index = entries.firstIndex(where: { $0.name == symbol.baseName }) {
                    entries[index].declaration = symbol.declaration
                    entries[index].documentation = entries[index].documentation ?? symbol.documentation
                }
            }
            for symbol in graph.symbols where symbol.path.count == 2 {
                members[symbol.path[0], default: []].append(symbol)
            }
        }
        for entry in entries {
            definitions[entry.name, default: []].append(entry)
        }
    }

    /// The import lines a new cell starts with: every declaring cell module (except those
    /// imported name by name), then a scoped import of the newest definition of each name
    /// declared more than once or in a module imported name by name, which shadows the older ones.
    var importLines: [String] {
        var lines = modules.filter { !partlyImportedModules.contains($0) }.map { "@testable import \($0)" }
        for name in definitions.keys.sorted() {
            let entries = definitions[name]!
            guard let newest = entries.last,
                  Set(entries.map(\.module)).count > 1 || partlyImportedModules.contains(newest.module)
            else { continue }
            lines.append("@testable import \(newest.importKeyword) \(newest.module).\(name)")
        }
        return lines
    }

    /// The newest definition of `name`.
    func lookup(_ name: String) -> Entry? {
        definitions[name]?.last
    }

    /// The module of the newest definition of every name: where `let x = x + 1` reads `x` from.
    var newestModules: [String: String] {
        definitions.compactMapValues { $0.last?.module }
    }

    /// The newest definition of every name, sorted by name.
    var visibleEntries: [Entry] {
        definitions.keys.sorted().compactMap { definitions[$0]?.last }
    }
}
