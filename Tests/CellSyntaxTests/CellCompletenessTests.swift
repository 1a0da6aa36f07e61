import Testing

@testable import CellSyntax

@Suite("CellCompleteness")
struct CellCompletenessTests {
    @Test("cells that parse are complete", arguments: [
        "let x = 1", "func f() {}", "", "// only a comment", "for i in 0..<3 {\n    print(i)\n}", "x.map { $0 }",
    ])
    func complete(source: String) {
        #expect(CellCompleteness.verdict(for: source) == .complete)
    }

    @Test("cells that stop inside something unfinished are incomplete, with the next line's indentation", arguments: [
        ("func f() {", "    "),
        ("for i in 0..<3 {\n    print(i)", "    "),
        ("struct S {\n    func f() {\n        let a = [1,", "            "),
        ("    if a {", "        "),
        ("let s = \"\"\"", ""),
        ("let s = \"\"\"\n    text", "    "),
        ("foo(1,", "    "),
        ("let x = 1 +", ""),
        ("  let x = 1 +", "  "),
        ("/* a comment", ""),
        ("if x {\n} else", ""),
    ])
    func incomplete(source: String, indent: String) {
        #expect(CellCompleteness.verdict(for: source) == .incomplete(indent: indent))
    }

    @Test("cells with an error more text cannot fix are invalid", arguments: [
        "let = 5", "}}", "func f() {}}", "let x = )", "let = 5\nfunc f() {",
    ])
    func invalid(source: String) {
        #expect(CellCompleteness.verdict(for: source) == .invalid)
    }
}
