import Testing
@testable import SwiftSession

@Suite struct SessionSymbolTableTests {
    func entry(_ name: String, _ keyword: String, _ module: String) -> SessionSymbolTable.Entry {
        .init(name: name, importKeyword: keyword, declaration: "\(keyword) \(name)", documentation: nil, module: module)
    }

    @Test func importsEveryDeclaringCellAndScopesRedefinedNamesToTheNewest() {
        var table = SessionSymbolTable()
        table.add(module: "Cell1", entries: [entry("x", "var", "Cell1"), entry("f", "func", "Cell1")], graph: nil)
        table.add(module: "Cell2", entries: [], graph: nil, alwaysImported: true)  // an extension only
        table.add(module: "Cell4", entries: [entry("x", "let", "Cell4")], graph: nil)
        table.add(module: "Cell6", entries: [entry("x", "struct", "Cell6")], graph: nil)
        table.add(module: "Cell7", entries: [entry("unused", "var", "Cell7")], graph: nil)
        #expect(table.importLines(mentioning: ["x", "f"]) == [
            "@testable import Cell1", "@testable import Cell2", "@testable import Cell6",
            "@testable import struct Cell6.x",
        ])
        #expect(table.lookup("x")?.module == "Cell6")
        #expect(table.lookup("f")?.module == "Cell1")
        #expect(table.visibleEntries.map(\.name) == ["f", "unused", "x"])
    }

    @Test func aNameDeclaredOnceNeedsNoScopedImport() {
        var table = SessionSymbolTable()
        table.add(module: "Cell1", entries: [entry("a", "var", "Cell1")], graph: nil)
        table.add(module: "Cell2", entries: [entry("b", "var", "Cell2")], graph: nil)
        #expect(table.importLines(mentioning: ["a", "b"]) == ["@testable import Cell1", "@testable import Cell2"])
        #expect(table.importLines(mentioning: ["b"]) == ["@testable import Cell2"])
    }

    @Test func aCellImportsOnlyTheModulesOfTheNamesItMentionsAndOfTheirTypes() {
        var table = SessionSymbolTable()
        table.add(module: "Cell1", entries: [entry("Point", "struct", "Cell1")], graph: nil)
        table.add(module: "Cell2", entries: [.init(name: "origin", importKeyword: "let", declaration: "let origin: Point",
                                                   documentation: nil, module: "Cell2")], graph: nil)
        for index in 3...300 { table.add(module: "Cell\(index)", entries: [entry("v\(index)", "var", "Cell\(index)")], graph: nil) }
        #expect(table.importLines(mentioning: SessionSymbolTable.identifiers(in: "origin.x + 1")) == [
            "@testable import Cell1", "@testable import Cell2",
        ])
        #expect(table.importLines(mentioning: SessionSymbolTable.identifiers(in: "print(1)")) == [])
    }

    @Test func identifiersAreTheWordsOfTheSource() {
        #expect(SessionSymbolTable.identifiers(in: "let a1 = b_c + 2x // `d`") == ["let", "a1", "b_c", "x", "d"])
    }
}
