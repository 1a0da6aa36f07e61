import Testing
@testable import SwiftSession

@Suite struct SessionMagicTests {
    @Test func plainSwiftIsNoMagic() throws {
        #expect(try SessionMagic.parse("let x = 1 % 2") == nil)
        #expect(try SessionMagic.parse("") == nil)
    }

    @Test func lineAndCellMagics() throws {
        #expect(try SessionMagic.parse("%time 1 + 1") == .time(code: "1 + 1"))
        #expect(try SessionMagic.parse("%%time\nlet a = 1\na") == .time(code: "let a = 1\na"))
        #expect(try SessionMagic.parse("\n  %timeit f()") == .timeit(code: "f()"))
        #expect(try SessionMagic.parse("%who") == .who)
        #expect(try SessionMagic.parse("%reset") == .reset)
        #expect(try SessionMagic.parse("%optimize on") == .optimize(true))
        #expect(try SessionMagic.parse("%optimize off") == .optimize(false))
        #expect(try SessionMagic.parse("%include lib.swift\nprint(1)") == .include(path: "lib.swift", rest: "print(1)"))
    }

    @Test func badMagicsNameTheProblem() {
        #expect(throws: CellFailure.self) { try SessionMagic.parse("%optimize maybe") }
        do {
            _ = try SessionMagic.parse("%nonsense")
            Issue.record("an unknown magic parsed")
        } catch {
            #expect(error.name == "MagicError")
            #expect(error.message.contains("%nonsense"))
            #expect(error.message.contains("%timeit"))
        }
        #expect(throws: CellFailure.self) { try SessionMagic.parse("%include") }
    }
}
