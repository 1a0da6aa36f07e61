/// What the session's cells have declared, newest definition of each name last, and the
/// imports a new cell needs to see what it uses, with the newest definition winning.
///
/// A cell imports only the cell modules it needs: those that declare a name it mentions (and,
/// in turn, the names in those declarations' types), those that declare a member it mentions,
/// and those that declare what is used without a name (extensions, operators). So a cell's
/// compile time does not grow with the number of cells before it.
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
    /// Modules that declare extensions, operators or the like: every later cell imports them.
    private var alwaysImportedModules: Set<String> = []
    private var definitions: [String: [Entry]] = [:]
    /// Members of types declared in cells, by type name (from the cells' symbol graphs).
    private(set) var members: [String: [SymbolGraph.Symbol]] = [:]
    /// The modules that declare a member of each name.
    private var memberModules: [String: Set<String>] = [:]

    /// Records a cell module and the names it declares (`graph` adds types and members).
    /// With `onlyTheseNames`, later cells import just `entries` from the module, each with a
    /// scoped import, not the whole module.
    /// With `alwaysImported`, every later cell imports the module (it declares extensions or
    /// operators, which are used without being named).
    mutating func add(
        module: String, entries: [Entry], graph: SymbolGraph?, onlyTheseNames: Bool = false, alwaysImported: Bool = false
    ) {
        modules.append(module)
        if onlyTheseNames { partlyImportedModules.insert(module) }
        if alwaysImported { alwaysImportedModules.insert(module) }
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
                memberModules[symbol.baseName, default: []].insert(module)
            }
        }
        for entry in entries {
            definitions[entry.name, default: []].append(entry)
        }
    }

    /// The import lines for a cell that mentions `identifiers`: the modules it needs, oldest
    /// first, then a scoped import of the newest definition of each mentioned name declared
    /// more than once or in a module imported name by name, which shadows the older ones.
    func importLines(mentioning identifiers: Set<String>) -> [String] {
        var needed = alwaysImportedModules
        var scoped: [String: Entry] = [:]
        var pending = Array(identifiers)
        var seen = identifiers
        while let name = pending.popLast() {
            needed.formUnion(memberModules[name] ?? [])
            guard let entries = definitions[name], let newest = entries.last else { continue }
            if Set(entries.map(\.module)).count > 1 || partlyImportedModules.contains(newest.module) {
                scoped[name] = newest
            }
            needed.insert(newest.module)
            // The names in its declaration (its type) belong to the cell too: members and
            // operators of that type must be accessible.
            for word in Self.identifiers(in: newest.declaration) where seen.insert(word).inserted {
                pending.append(word)
            }
        }
        let whole = modules.filter { needed.contains($0) && !partlyImportedModules.contains($0) }
        return whole.map { "@testable import \($0)" }
            + scoped.keys.sorted().map { "@testable import \(scoped[$0]!.importKeyword) \(scoped[$0]!.module).\($0)" }
    }

    /// The identifiers in Swift source (words of letters, digits and underscores, not starting
    /// with a digit; backquotes dropped). Comments and strings count too: a name mentioned
    /// there only imports one more module.
    static func identifiers(in source: String) -> Set<String> {
        var found: Set<String> = []
        var word = ""
        for character in source {
            if character.isLetter || character == "_" || (character.isNumber && !word.isEmpty) {
                word.append(character)
            } else {
                if !word.isEmpty { found.insert(word) }
                word = ""
            }
        }
        if !word.isEmpty { found.insert(word) }
        return found
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
