import Foundation
import Testing

@testable import CellSyntax

/// Generated libraries checked by swiftc itself (each test runs swiftc once or twice).
@Suite("CellLibrarySource: compiled by swiftc", .serialized)
struct CellLibraryCompilationTests {
    /// Stubs of what the session's preamble provides; the generic result function is deprecated so
    /// that a warning shows when it is picked instead of the `Void` overload.
    static let stubs = [
        "@available(*, deprecated, message: \"generic overload\") func __publishCellResult<T>(_ v: T) {}",
        "func __publishCellResult(_ v: Void) {}",
        "func __reportCellError(_ e: Error) {}",
        "struct Failure: Error {}",
        "func load(_ name: String) throws -> Int { if name.isEmpty { throw Failure() }; return name.count }",
    ]

    func library(_ cell: String, preamble: [String] = stubs) throws -> String {
        try CellLibrarySource.generate(CellAnalyzer.analyze(cell), options: CellLibraryOptions(
            preamble: preamble, fileLabel: "Cell In[7]", entrySymbol: "swift_margin_cell_7"))
    }

    @Test("a mixed cell compiles without errors or warnings, and a Void result picks the Void overload")
    func mixedCellTypechecks() throws {
        let cell = """
            import Foundation
            /// A point.
            struct Point { var x = 0.0 }
            extension Point: CustomStringConvertible { var description: String { "(\\(x))" } }
            protocol Shape { var area: Double { get } }
            enum Color { case red }
            class Box {}
            actor Counter { var count = 0 }
            typealias Pair = (Int, Int)
            infix operator ** : MultiplicationPrecedence
            func ** (a: Int, b: Int) -> Int { a * b }
            let (w, (h, _)) = (3, (4, 5)); var total = 0, name = "cell"
            var area: Double { Double(w * h) }
            let size = try load("abc"), checked: Int = try load("de") ** 2
            for i in 0..<w { total += i }
            guard total >= 0 else { throw Failure() }
            if total > 100 { throw Failure() }
            let _ = try load("x")
            do { _ = try load("") } catch { print("handled", error) }
            let double = { (x: Int) in x * 2 }
            name += "!"
            print(double(total), name, size, checked, area)
            """
        let diagnostics = try SwiftCompiler.typecheck(try library(cell))
        #expect(diagnostics == [])
    }

    @Test("swiftc reports errors at the cell's own lines and columns, also inside the entry function")
    func diagnosticsPointIntoTheCell() throws {
        let cell = """
            let ü = 1; let b: Int = "x"
            print(ü); if ü > 0 { let r: Int = "z" }
            let t: Int = try load(42)
            struct S {
                var y: Int = "w"
            }
               ü + "v"
            """
        let errors = try SwiftCompiler.typecheck(try library(cell)).filter { $0.severity == "error" }
        #expect(errors.map { "\($0.file):\($0.line):\($0.column)" } == [
            "Cell In[7]:1:26",  // "x": 25 characters in, plus one for the second byte of "ü"
            "Cell In[7]:3:23",  // 42, in the moved throwing initializer
            "Cell In[7]:5:18",  // "w", second line of a multi-line item
            "Cell In[7]:2:37",  // "z", in a statement inside the entry function (two "ü" before it)
            "Cell In[7]:7:7",   // the trailing expression's operator
        ])
    }

    @Test("the entry function forces globals where the cell declares them, publishes the result, catches errors")
    func runsInSourceOrder() throws {
        let preamble = [
            "func __publishCellResult<T>(_ v: T) { print(\"result:\", v) }",
            "func __publishCellResult(_ v: Void) { print(\"result: Void\") }",
            "func __reportCellError(_ e: Error) { print(\"error:\", e) }",
            "struct Failure: Error {}",
            "func trace(_ name: String, _ value: Int) throws -> Int {",
            "    print(\"init\", name); if value < 0 { throw Failure() }; return value }",
            "@main struct Runner { static func main() { __swiftMarginCellEntry() } }",
        ]
        let succeeding = """
            print("start")
            let a = try! trace("a", 1)
            print("after a", a)
            var b = try! trace("b", 2), c = try! trace("c", 3)
            let d: Int = try trace("d", 4)
            b += d
            try trace("sum", b + c)
            """
        #expect(try SwiftCompiler.buildAndRun(try library(succeeding, preamble: preamble)) == """
            start
            init a
            after a 1
            init b
            init c
            init d
            init sum
            result: 9

            """)
        let failing = "print(\"start\")\nlet e = try trace(\"e\", -1)\nprint(\"not reached\")\ne"
        #expect(try SwiftCompiler.buildAndRun(try library(failing, preamble: preamble)) == """
            start
            init e
            error: Failure()

            """)
    }

    @Test("top-level await, guard bindings and async let run in order and stay visible to declarations")
    func awaitAndGuardRun() throws {
        let preamble = [
            "import Dispatch",
            "func __publishCellResult<T>(_ v: T) { print(\"result:\", v) }",
            "func __publishCellResult(_ v: Void) {}",
            "func __reportCellError(_ e: Error) { print(\"error:\", e) }",
            "final class Box<T>: @unchecked Sendable { var value: T? }",
            "func __awaitCell<T>(_ body: @escaping () async -> T) -> T {",
            "    let box = Box<T>(), done = DispatchSemaphore(value: 0), work = Box<() async -> T>(); work.value = body",
            "    Task.detached { box.value = await work.value!(); done.signal() }; done.wait(); return box.value! }",
            "func __awaitCell<T>(_ body: @escaping () async throws -> T) throws -> T {",
            "    try __awaitCell { () async -> Result<T, any Error> in do { return .success(try await body()) } catch { return .failure(error) } }.get() }",
            "struct Failure: Error {}",
            "func twice(_ x: Int) async -> Int { print(\"twice\", x); return 2 * x }",
            "func checked(_ x: Int) async throws -> Int { if x < 0 { throw Failure() }; return x }",
            "@main struct Runner { static func main() { __swiftMarginCellEntry() } }",
        ]
        let cell = """
            print("start")
            let a = await twice(1)
            var optional: Int? = a
            guard let b = optional, var c = Optional(b + 1) else { fatalError("unreachable") }
            c += await twice(c)
            func total() -> Int { a + b + c }
            async let d = twice(total())
            let e: Int = try await checked(d)
            for await value in AsyncStream<Int>(unfolding: { nil }) { print(value) }
            guard let f = try await Optional(checked(-1)) else { fatalError("unreachable") }
            print("not reached", f)
            """
        let output = try SwiftCompiler.buildAndRun(try library(cell, preamble: preamble))
        #expect(output == """
            start
            twice 1
            twice 3
            twice 13
            error: Failure()

            """)
        let trailing = "let x = await twice(2)\ntry await checked(x + 1)"
        #expect(try SwiftCompiler.buildAndRun(try library(trailing, preamble: preamble)) == "twice 2\nresult: 5\n")
    }

    @Test("empty and comment-only cells compile")
    func emptyCellsCompile() throws {
        for cell in ["", "// nothing here\n/* or here */"] {
            #expect(try SwiftCompiler.typecheck(try library(cell)) == [])
        }
    }

    @Test("each declaration kind's scopedImportKeyword imports such a declaration")
    func scopedImports() throws {
        let directory = try SwiftCompiler.scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let module = "public var v = 1\npublic let c = 2\npublic func f() {}\npublic struct S {}\npublic class C {}\n"
            + "public enum E { case a }\npublic protocol P {}\npublic typealias T = Int\npublic actor A {}\n"
        try module.write(to: directory.appendingPathComponent("M.swift"), atomically: true, encoding: .utf8)
        let built = try SwiftCompiler.run(SwiftCompiler.swiftc, [
            "-emit-module", "-parse-as-library", "-swift-version", "5", "-module-name", "M", "M.swift",
        ], in: directory)
        #expect(built.status == 0, "\(built.text)")
        let declarations: [(String, DeclarationKind)] = [
            ("v", .variable), ("c", .constant), ("f", .function), ("S", .structure), ("C", .class),
            ("E", .enumeration), ("P", .protocol), ("T", .typeAlias), ("A", .actor),
        ]
        let imports = declarations.map { "import \($0.1.scopedImportKeyword) M.\($0.0)" }
        let uses = "func use(_: A, _: S, _: C, _: E, _: any P, _: T) { f(); _ = v + c }"
        let diagnostics = try SwiftCompiler.typecheck(
            (imports + [uses]).joined(separator: "\n"), extraArguments: ["-I", directory.path], in: directory)
        #expect(diagnostics == [])
    }
}
