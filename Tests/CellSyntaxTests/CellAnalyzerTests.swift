import Testing

@testable import CellSyntax

@Suite("CellAnalyzer: splitting")
struct CellAnalyzerTests {
    let mixedCell = """
        import Foundation
        let (w, (h, _)) = (3, (4, 5))
        var a = 1, b = 2
        func area(_ w: Int, _ h: Int) -> Int { w * h }
        struct Point { var x = 0.0 }
        class Box {}
        enum Color { case red, green }
        protocol Shape { var area: Double { get } }
        extension Point: CustomStringConvertible { var description: String { "(\\(x))" } }
        typealias Size = (Int, Int)
        actor Counter { var count = 0 }
        if a > 0 { print(a) }
        for i in 0..<2 { print(i) }
        while b < 3 { b += 1 }
        guard a == 1 else { fatalError() }
        do { try JSONSerialization.data(withJSONObject: [1]) } catch { print(error) }
        switch a { case 1: print("one"); default: break }
        let double = { (x: Int) in x * 2 }
        area(w, h)
        """

    @Test("a mixed cell splits into imports, declarations, variables and statements in source order")
    func mixedCellKinds() {
        let analysis = CellAnalyzer.analyze(mixedCell)
        #expect(analysis.items.map(\.kind) == [
            .importDeclaration,
            .variable(bindings: ["w", "h"], forcible: true),
            .variable(bindings: ["a", "b"], forcible: true),
            .declaration, .declaration, .declaration, .declaration, .declaration, .declaration, .declaration,
            .declaration,
            .statement, .statement, .statement, .statement, .statement, .statement,
            .variable(bindings: ["double"], forcible: true),
            .trailingExpression,
        ])
        #expect(analysis.items.map(\.line) == Array(1...19))
        #expect(analysis.items[3].text == "func area(_ w: Int, _ h: Int) -> Int { w * h }")
        #expect(analysis.items[15].text == "do { try JSONSerialization.data(withJSONObject: [1]) } catch { print(error) }")
        #expect(analysis.items[18].text == "area(w, h)")
        #expect(analysis.hasTrailingExpression)
        #expect(analysis.exportsDeclarations)
        #expect(analysis.syntaxErrors.isEmpty)
        #expect(analysis.rewriteErrors.isEmpty)
    }

    @Test("several items on one line each get their own column, in UTF-8 bytes; `;` and comments are not part of the text")
    func itemsOnOneLine() {
        let analysis = CellAnalyzer.analyze("let ü = 1; print(ü)  // shows 1\n  ü")
        #expect(analysis.items.map(\.text) == ["let ü = 1", "print(ü)", "ü"])
        #expect(analysis.items.map(\.line) == [1, 1, 2])
        #expect(analysis.items.map(\.column) == [1, 13, 3])  // "ü" is two bytes
    }

    @Test("multi-line items keep their inner newlines and indentation")
    func multiLineItem() {
        let source = "for i in 0..<2 {\n    print(i)\n}\n\n  struct S {\n    var x = 1\n  }\n"
        let analysis = CellAnalyzer.analyze(source)
        #expect(analysis.items.map(\.text) == ["for i in 0..<2 {\n    print(i)\n}", "struct S {\n    var x = 1\n  }"])
        #expect(analysis.items.map(\.line) == [1, 5])
        #expect(analysis.items.map(\.column) == [1, 3])
    }

    @Test("a declaration's doc comment stays in its text and moves its start; plain comments do not")
    func docCommentsKept() {
        let source = "// setup\n/// Doubles.\n/// - Parameter x: a number\nfunc twice(_ x: Int) -> Int { 2 * x }\n// note\nlet y = 1"
        let analysis = CellAnalyzer.analyze(source)
        #expect(analysis.items[0].text == "/// Doubles.\n/// - Parameter x: a number\nfunc twice(_ x: Int) -> Int { 2 * x }")
        #expect(analysis.items[0].line == 2)
        #expect(analysis.items[1].text == "let y = 1")
        #expect(analysis.items[1].line == 6)
    }

    @Test("the last expression is the trailing expression: calls, names, literals, member access, operators, try")
    func trailingExpressions() {
        for source in ["f(1)", "x", "42", "\"text\"", "model.layers.count", "a + b * 2", "a == b", "try f()",
                       "x.map { $0 * 2 }", "[1, 2, 3]", "(a, b)", "-x", "a .== b", "a ?? b"] {
            let analysis = CellAnalyzer.analyze("let q = 1\n" + source)
            #expect(analysis.hasTrailingExpression, "\(source)")
            #expect(analysis.items.last?.kind == .trailingExpression, "\(source)")
            #expect(analysis.items.last?.text == source)
        }
    }

    @Test("assignments, if/switch/loops, declarations and a non-final expression are not trailing expressions")
    func notTrailingExpressions() {
        for source in ["x = 1", "x += 1", "a[0] = 3", "m.x *= 2", "x <<= 1", "_ = f()", "try x = f()",
                       "if a { 1 } else { 2 }", "switch a { default: 1 }", "for i in 0..<3 { i }",
                       "while false {}", "let y = 2", "func g() {}", "struct T {}", "f()\nlet z = 1",
                       "#warning(\"later\")", "// just a comment", ""] {
            let analysis = CellAnalyzer.analyze(source)
            #expect(!analysis.hasTrailingExpression, "\(source)")
            #expect(!analysis.items.contains { $0.kind == .trailingExpression }, "\(source)")
        }
        #expect(CellAnalyzer.analyze("f()\nlet z = 1").items.first?.kind == .statement)
        #expect(CellAnalyzer.analyze("x = 1").items.map(\.kind) == [.statement])
    }

    @Test("computed variables and optional vars without initializer are not forced; `let _ =` is a statement")
    func forcing() {
        let source = "var area: Double { 2 }\nvar name: String? \nvar x = 1 { didSet { print(x) } }\nlet _ = f()\nlet (_, _) = (1, 2)"
        let analysis = CellAnalyzer.analyze(source)
        #expect(analysis.items.map(\.kind) == [
            .variable(bindings: ["area"], forcible: false),
            .variable(bindings: ["name"], forcible: false),
            .variable(bindings: ["x"], forcible: true),
            .statement, .statement,
        ])
        #expect(analysis.rewriteErrors.isEmpty)
    }

    @Test("exportsDeclarations: extensions and operators export, imports, statements and private declarations do not")
    func exports() {
        #expect(CellAnalyzer.analyze("extension Int { var doubled: Int { self * 2 } }").exportsDeclarations)
        #expect(CellAnalyzer.analyze("extension Int { var doubled: Int { self * 2 } }").declaredNames.isEmpty)
        #expect(CellAnalyzer.analyze("infix operator .^ : MultiplicationPrecedence").exportsDeclarations)
        #expect(CellAnalyzer.analyze("precedencegroup Strong { higherThan: MultiplicationPrecedence }").exportsDeclarations)
        #expect(CellAnalyzer.analyze("let x = 1").exportsDeclarations)
        #expect(!CellAnalyzer.analyze("import Foundation").exportsDeclarations)
        #expect(!CellAnalyzer.analyze("print(1)\nfor i in 0..<2 { let y = i }").exportsDeclarations)
        #expect(!CellAnalyzer.analyze("private func helper() {}\nfileprivate let k = 1").exportsDeclarations)
        #expect(!CellAnalyzer.analyze("").exportsDeclarations)
    }

    @Test("a top-level stored variable without an initial value is an error at its name")
    func missingInitialValue() {
        let analysis = CellAnalyzer.analyze("let a = 1\nvar x: Int\nlet y: Int?")
        #expect(analysis.rewriteErrors == [
            CellDiagnostic(line: 2, column: 5, message: "a top-level variable in a cell needs an initial value"),
            CellDiagnostic(line: 3, column: 5, message: "a top-level variable in a cell needs an initial value"),
        ])
        #expect(analysis.syntaxErrors.isEmpty)
    }

    @Test("top-level await marks statements, initializers and the result; await inside a closure or function does not")
    func topLevelAwait() throws {
        let analysis = CellAnalyzer.analyze("""
            let a = await f(), b = 2
            await g()
            for await x in stream { print(x) }
            Task { await g() }
            func k() async { await g() }
            let c = { await g() }
            if try await h() { throw Failure() }
            await f()
            """)
        #expect(analysis.rewriteErrors.isEmpty)
        let variable = try #require(analysis.items.first)
        #expect(variable.storedBindings[0].effectfulInitializer.map { ($0.awaiting, $0.throwing) } ?? (false, false) == (true, false))
        #expect(variable.storedBindings[1].effectfulInitializer == nil)
        let statements = analysis.items.filter { $0.kind == .statement || $0.kind == .trailingExpression }
        #expect(statements.map(\.awaits) == [true, true, false, true, true])
        #expect(statements.map(\.canThrow) == [false, false, false, true, false])
        #expect(analysis.items.last?.kind == .trailingExpression)
        #expect(analysis.items.first { $0.text.hasPrefix("let c") }?.storedBindings.first?.effectfulInitializer == nil)
    }

    @Test("a guard with bindings and an async let become hoisted variables; their names are declared")
    func hoistedBindings() throws {
        let analysis = CellAnalyzer.analyze("""
            guard let a = f(), var b = g(a), case let .some(c) = h(), b > 0 else { throw Failure() }
            guard x > 0 else { fatalError() }
            async let d = load()
            """)
        #expect(analysis.items.map(\.kind) == [
            .variable(bindings: ["a", "b", "c"], forcible: true), .statement,
            .variable(bindings: ["d"], forcible: true),
        ])
        #expect(analysis.items[0].hoistedBinding == HoistedBinding(
            names: [.init(spelling: "a", isVariable: false), .init(spelling: "b", isVariable: true),
                    .init(spelling: "c", isVariable: false)],
            throwing: true, awaiting: false, returnMarkers: ""))
        #expect(analysis.items[1].hoistedBinding == nil)
        #expect(analysis.items[2].hoistedBinding == HoistedBinding(
            names: [.init(spelling: "d", isVariable: false)], throwing: true, awaiting: true, returnMarkers: "try await "))
        #expect(analysis.declaredNames.map { "\($0.name) \($0.kind)" } == ["a constant", "b variable", "c constant", "d constant"])
        #expect(analysis.exportsDeclarations)
    }

    @Test("a binding's own names in its initializer are self references; members, closures and earlier bindings are not")
    func selfReferences() throws {
        let analysis = CellAnalyzer.analyze("""
            let x = x + p.x + { x in x }(1), y = x
            guard let u = u, let v = u, let w else { fatalError() }
            """)
        let texts = analysis.items.map { item in
            item.selfReferences.map { reference in
                let text = String(decoding: Array(item.text.utf8)[reference.rangeInItemText], as: UTF8.self)
                return "\(reference.name):\(text):\(reference.isShorthandBinding)"
            }
        }
        #expect(texts == [["x:x:false"], ["u:u:false", "w::true"]])
    }

    @Test("a throwing initializer is recorded with its expression's position and type annotation")
    func effectfulInitializer() throws {
        let analysis = CellAnalyzer.analyze("let a = 1, b: Float = try load(\"x\"), c = { try f() }")
        let item = try #require(analysis.items.first)
        #expect(item.kind == .variable(bindings: ["a", "b", "c"], forcible: true))
        #expect(item.storedBindings.map(\.names) == [["a"], ["b"], ["c"]])
        #expect(item.storedBindings[0].effectfulInitializer == nil)
        #expect(item.storedBindings[2].effectfulInitializer == nil)  // the `try` is inside a closure
        let initializer = try #require(item.storedBindings[1].effectfulInitializer)
        #expect(initializer.expression == "try load(\"x\")")
        #expect((initializer.line, initializer.column) == (1, 23))
        #expect(initializer.typeAnnotation == "Float")
        let bytes = Array(item.text.utf8)[initializer.rangeInItemText]
        #expect(String(decoding: bytes, as: UTF8.self) == "try load(\"x\")")
    }

    @Test("an empty cell and a comment-only cell have no items")
    func emptyCells() {
        for source in ["", "   \n\n", "// nothing\n/* at all */"] {
            let analysis = CellAnalyzer.analyze(source)
            #expect(analysis.items.isEmpty)
            #expect(analysis.declaredNames.isEmpty)
            #expect(analysis.syntaxErrors.isEmpty)
            #expect(!analysis.hasTrailingExpression)
        }
    }
}
