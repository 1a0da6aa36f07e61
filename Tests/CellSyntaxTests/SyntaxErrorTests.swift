import Testing

@testable import CellSyntax

@Suite("Syntax errors")
struct SyntaxErrorTests {
    @Test("missing code is reported after the last token before it, at the cell's line and UTF-8 column")
    func missingCode() {
        #expect(CellAnalyzer.analyze("let a = 1\nlet = 5").syntaxErrors == [
            CellDiagnostic(line: 2, column: 4, message: "expected pattern"),
        ])
        #expect(CellAnalyzer.analyze("let ü = 1\nprint(ü,").syntaxErrors == [
            CellDiagnostic(line: 2, column: 10, message: "expected expression and ')'"),
        ])
        #expect(CellAnalyzer.analyze("func f() {\n    print(1)\n").syntaxErrors == [
            CellDiagnostic(line: 2, column: 13, message: "expected '}'"),
        ])
    }

    @Test("code the parser cannot place is reported where it starts")
    func unexpectedCode() {
        #expect(CellAnalyzer.analyze("let x = 1\n  }}").syntaxErrors == [
            CellDiagnostic(line: 2, column: 3, message: "extraneous code '}}' at top level"),
        ])
        #expect(CellAnalyzer.analyze("print(x y)").syntaxErrors == [
            CellDiagnostic(line: 1, column: 9, message: "unexpected code 'y'"),
        ])
        #expect(CellAnalyzer.analyze("let x = )").syntaxErrors == [
            CellDiagnostic(line: 1, column: 8, message: "expected expression"),
            CellDiagnostic(line: 1, column: 9, message: "extraneous code ')' at top level"),
        ])
    }

    @Test("malformed tokens are reported")
    func badTokens() {
        #expect(CellAnalyzer.analyze("let x = 1\n/* open").syntaxErrors == [
            CellDiagnostic(line: 2, column: 1, message: "unterminated '/*' comment"),
        ])
        #expect(CellAnalyzer.analyze("let n = 0b102").syntaxErrors == [
            CellDiagnostic(line: 1, column: 13, message: "invalid binary digit in integer literal"),
        ])
    }

    @Test("a cell with syntax errors is refused by the generator with those errors")
    func generatorRefuses() {
        let analysis = CellAnalyzer.analyze("let = 5\nvar q: Int")
        #expect(throws: CellRewriteError(diagnostics: [
            CellDiagnostic(line: 1, column: 4, message: "expected pattern"),
            CellDiagnostic(line: 2, column: 5, message: "a top-level variable in a cell needs an initial value"),
        ])) {
            try CellLibrarySource.generate(analysis, options: CellLibraryOptions(
                preamble: [], fileLabel: "Cell In[1]", entrySymbol: "cell_1"))
        }
    }
}
