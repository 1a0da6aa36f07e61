import Testing

@testable import CellSyntax

@Suite("CellLibrarySource: shape")
struct CellLibrarySourceTests {
    let options = CellLibraryOptions(
        preamble: ["import CellRuntime", "@testable import Cell3"], fileLabel: "Cell In[7]",
        entrySymbol: "swift_margin_cell_7", resultFunction: "__publishCellResult", errorFunction: "__reportCellError")

    func generate(_ source: String) throws -> String {
        try CellLibrarySource.generate(CellAnalyzer.analyze(source), options: options)
    }

    @Test("imports first, then declarations and globals; statements, forcing and the result in the entry function")
    func exactShape() throws {
        let source = """
            let a = 1; print(a)
            import Foundation
            /// Adds one.
            func f(_ x: Int) -> Int { x + 1 }
            var b = 2, c: Int { 3 }
              try f(a) + b
            """
        #expect(try generate(source) == """
            import CellRuntime
            @testable import Cell3
            #sourceLocation(file: "Cell In[7]", line: 2)
            import Foundation
            #sourceLocation(file: "Cell In[7]", line: 1)
            let a = 1
            #sourceLocation(file: "Cell In[7]", line: 3)
            /// Adds one.
            func f(_ x: Int) -> Int { x + 1 }
            #sourceLocation(file: "Cell In[7]", line: 5)
            var b = 2, c: Int { 3 }
            #sourceLocation()
            @_cdecl("swift_margin_cell_7")
            public func __swiftMarginCellEntry() {
                do {
                    try Result<Void, any Error>.success(()).get()  // keeps `catch` reachable
            #sourceLocation(file: "Cell In[7]", line: 1)
            _ = a
            #sourceLocation(file: "Cell In[7]", line: 1)
                       print(a)
            #sourceLocation(file: "Cell In[7]", line: 5)
            _ = b
            #sourceLocation()
                    try __publishCellResult({
            #sourceLocation(file: "Cell In[7]", line: 6)
              try f(a) + b
            #sourceLocation()
                    }())
                } catch {
                    __reportCellError(error)
                }
            }

            """)
    }

    @Test("a throwing initializer moves into a Result global, placed at the expression's line and column")
    func throwingInitializer() throws {
        let generated = try generate("let n = 1, m: Float = try load(\"x\")")
        #expect(generated.contains("""
            @testable import Cell3
            private let __swiftMarginInitializer1 = Result<Float, any Error> {
            #sourceLocation(file: "Cell In[7]", line: 1)
                                  try load("x")
            #sourceLocation()
            }
            #sourceLocation(file: "Cell In[7]", line: 1)
            let n = 1, m: Float = try! __swiftMarginInitializer1.get()
            #sourceLocation()
            @_cdecl
            """))
        #expect(generated.contains("""
            #sourceLocation(file: "Cell In[7]", line: 1)
            _ = n; _ = try __swiftMarginInitializer1.get(); _ = m
            #sourceLocation()
                } catch {
            """))
    }

    @Test("an empty cell gives an entry function with nothing to run and no #sourceLocation")
    func emptyCell() throws {
        for source in ["", "// a comment\n"] {
            #expect(try generate(source) == """
                import CellRuntime
                @testable import Cell3
                @_cdecl("swift_margin_cell_7")
                public func __swiftMarginCellEntry() {
                    do {
                        try Result<Void, any Error>.success(()).get()  // keeps `catch` reachable
                    } catch {
                        __reportCellError(error)
                    }
                }

                """)
        }
    }

    @Test("the file label is quoted as a string literal")
    func quotedLabel() throws {
        var options = options
        options.fileLabel = #"Cell "7" \ x"#
        let generated = try CellLibrarySource.generate(CellAnalyzer.analyze("1"), options: options)
        #expect(generated.contains(#"#sourceLocation(file: "Cell \"7\" \\ x", line: 1)"#))
    }

    @Test("an awaiting statement and trailing expression run through __awaitCell, at their own lines")
    func awaitingStatements() throws {
        let generated = try generate("await f()\ntry await g()")
        #expect(generated.contains("""
                    __awaitCell {
            #sourceLocation(file: "Cell In[7]", line: 1)
            await f()
            #sourceLocation()
                    }
                    try __publishCellResult(__awaitCell {
            #sourceLocation(file: "Cell In[7]", line: 2)
            try await g()
            #sourceLocation()
                    })
            """))
    }

    @Test("a guard's bindings become globals read from a private closure result, self references qualified")
    func hoistedGuard() throws {
        var options = options
        options.earlierDefinitions = ["u": "Cell2"]
        let generated = try CellLibrarySource.generate(
            CellAnalyzer.analyze("guard let u = u, var v = Optional(u) else { fatalError() }"), options: options)
        #expect(generated.contains("""
            private let __swiftMarginInitializer1 = {
            #sourceLocation(file: "Cell In[7]", line: 1)
            guard let u = Cell2.u, var v = Optional(u) else { fatalError() }
            #sourceLocation()
            return (u, v) }()
            let u = __swiftMarginInitializer1.0
            var v = __swiftMarginInitializer1.1
            """))
        #expect(generated.contains("_ = u; _ = v\n"))
    }
}
