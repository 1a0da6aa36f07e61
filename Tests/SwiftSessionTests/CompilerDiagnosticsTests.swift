import Testing
@testable import SwiftSession

@Suite struct CompilerDiagnosticsTests {
    let output = """
        Cell In[3]:2:14: error: cannot convert value of type 'String' to specified type 'Int'
              let b: Int = "x"
                           ^~~
        Cell In[3]:1:5: warning: initialization of immutable value 'a' was never used
        /tmp/s/Cell3.swift:9:1: error: something about the generated part

        """

    @Test func parsesEveryLocatedLine() {
        let diagnostics = CompilerDiagnostics(compilerOutput: output)
        #expect(diagnostics.entries.count == 3)
        #expect(diagnostics.entries[0] == .init(
            file: "Cell In[3]", line: 2, column: 14, severity: "error",
            message: "cannot convert value of type 'String' to specified type 'Int'"))
        #expect(diagnostics.entries[2].file == "/tmp/s/Cell3.swift")
        #expect(diagnostics.firstError == "cannot convert value of type 'String' to specified type 'Int'")
    }

    @Test func rendersErrorsAgainstTheCellsOwnLines() {
        let cell = "let a = 1\nlet b: Int = \"x\""
        let lines = CompilerDiagnostics(compilerOutput: output).rendered(cellSource: cell, fileLabel: "Cell In[3]")
        #expect(lines == [
            "Cell In[3]:2:14: error: cannot convert value of type 'String' to specified type 'Int'",
            "let b: Int = \"x\"",
            "             ^",
        ])
    }

    @Test func caretCountsBytesOfTheLineAsTheCompilerDoes() {
        // "ü" is two UTF-8 bytes: the compiler's column 10 is the 9th character.
        let output = "Cell In[1]:1:10: error: boom"
        let lines = CompilerDiagnostics(compilerOutput: output).rendered(cellSource: "let ü = zz", fileLabel: "Cell In[1]")
        #expect(lines.last == "        ^")
    }

    @Test func showsTheRawOutputWhenNoDiagnosticNamesTheCell() {
        let raw = "ld: error: undefined symbol: foo"
        #expect(CompilerDiagnostics(compilerOutput: raw).rendered(cellSource: "x", fileLabel: "Cell In[1]") == [raw])
    }
}
