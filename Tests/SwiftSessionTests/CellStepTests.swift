import Testing
@testable import SwiftSession

@Suite("CellStep: line magics on any line")
struct CellStepTests {
    @Test("a line magic after Swift runs after it, and the Swift keeps its line numbers")
    func magicAfterSwift() throws {
        #expect(try CellStep.steps(of: "let q = 1\n%who") == [.swift("let q = 1"), .magic(.who)])
        #expect(try CellStep.steps(of: "let q = 1\n%who\nlet r = q") == [.swift("let q = 1"), .magic(.who), .swift("\n\nlet r = q")])
    }

    @Test("a cell without magics is one Swift step, and an empty cell none")
    func plainSwift() throws {
        #expect(try CellStep.steps(of: "let x = 10 % 3\nx") == [.swift("let x = 10 % 3\nx")])
        #expect(try CellStep.steps(of: "") == [])
        #expect(try CellStep.steps(of: "model?") == [.magic(.inspect(name: "model"))])
    }

    @Test("%time on a later line times the rest of the cell, numbered as in the cell")
    func timeTakesTheRest() throws {
        #expect(try CellStep.steps(of: "let a = 1\n%time a + 1\nprint(a)")
            == [.swift("let a = 1"), .magic(.time(code: "\na + 1\nprint(a)"))])
        #expect(try CellStep.steps(of: "%%time\nlet a = 1") == [.magic(.time(code: "\nlet a = 1"))])
    }

    @Test("a % line inside an open brace or string is Swift")
    func insideSwift() throws {
        let cell = "let r = [\n1,\n2\n]\nfunc f() {\n%who\n}"
        #expect(try CellStep.steps(of: cell) == [.swift(cell)])
        let text = "let s = \"\"\"\n%who\n\"\"\""
        #expect(try CellStep.steps(of: text) == [.swift(text)])
    }

    @Test("a cell magic below the first line, or an unknown magic, names the problem")
    func misplaced() {
        do {
            _ = try CellStep.steps(of: "let a = 1\n%%time\na")
            Issue.record("a cell magic on line 2 was accepted")
        } catch {
            #expect(error.name == "MagicError")
            #expect(error.message.contains("%%time") && error.message.contains("first line") && error.message.contains("line 2"))
        }
        #expect(throws: CellFailure.self) { try CellStep.steps(of: "let a = 1\n%nonsense") }
    }
}
