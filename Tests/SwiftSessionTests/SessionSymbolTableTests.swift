import Testing
@testable import SwiftSession

@Suite struct SessionSymbolTableTests {
    func entry(_ name: String, _ keyword: String, _ module: String) -> SessionSymbolTable.Entry {
        .init(name: name, importKeyword: keyword, declaration: "\(keyword) \(name)", documentation: nil, module: module)
    }

    @Test func importsEveryDeclaringCellAndScopesRedefinedNamesToTheNewest() {
        var table = SessionSymbolTable()
        table.add(module: "Cell1", entries: [entry("x", "var", "Cell1"), entry("f", "func", "Cell1")], graph: nil)
        table.add(module: "Cell2", entries: [], graph: nil)  // an extension only
        table.add(module: "Cell4", entries: [entry("x", "let", "Cell4")], graph: nil)
        table.add(module: "Cell6", entries: [entry("x", "struct", "Cell6")], graph: nil)
        #expect(table.importLines == [
            "@testable import Cell1", "@testable import Cell2", "@testable import Cell4", "@testable import Cell6",
            "@testable import struct Cell6.x",
        ])
        #expect(table.lookup("x")?.module == "Cell6")
        #expect(table.lookup("f")?.module == "Cell1")
        #expect(table.visibleEntries.map(\.name) == ["f", "x"])
    }

    @Test func aNameDeclaredOnceNeedsNoScopedImport() {
        var table = SessionSymbolTable()
        table.add(module: "Cell1", entries: [entry("a", "var", "Cell1")], graph: nil)
        table.add(module: "Cell2", entries: [entry("b", "var", "Cell2")], graph: nil)
        #expect(table.importLines == ["@testable import Cell1", "@testable import Cell2"])
    }
}
