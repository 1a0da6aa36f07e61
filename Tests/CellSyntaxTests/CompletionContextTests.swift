import Testing

@testable import CellSyntax

@Suite("CompletionContext")
struct CompletionContextTests {
    @Test("a plain identifier before the cursor is the prefix")
    func plainIdentifier() {
        #expect(CompletionContext.at("let y = mod", cursor: 11) == CompletionContext(prefix: "mod", start: 8, end: 11))
        #expect(CompletionContext.at("let y = ", cursor: 8) == CompletionContext(prefix: "", start: 8, end: 8))
        #expect(CompletionContext.at("print(x_1", cursor: 9) == CompletionContext(prefix: "x_1", start: 6, end: 9))
    }

    @Test("after a period the base expression is given as written")
    func member() {
        #expect(CompletionContext.at("model.lay", cursor: 9)
                == CompletionContext(prefix: "lay", start: 6, end: 9, memberBase: "model"))
        #expect(CompletionContext.at("let n = model.layers.co", cursor: 23)
                == CompletionContext(prefix: "co", start: 21, end: 23, memberBase: "model.layers"))
        #expect(CompletionContext.at("print(data.batch(8)[0].", cursor: 23)
                == CompletionContext(prefix: "", start: 23, end: 23, memberBase: "data.batch(8)[0]"))
        #expect(CompletionContext.at("let c: Color = .re", cursor: 18)
                == CompletionContext(prefix: "re", start: 16, end: 18, memberBase: nil))
    }

    @Test("a cursor inside an identifier replaces the whole identifier, matching on the part before the cursor")
    func cursorInTheMiddle() {
        #expect(CompletionContext.at("let y = model.layers + 1", cursor: 16)
                == CompletionContext(prefix: "la", start: 14, end: 20, memberBase: "model"))
        #expect(CompletionContext.at("foo(bar)", cursor: 5) == CompletionContext(prefix: "b", start: 4, end: 7))
    }

    @Test("the cursor counts unicode scalars, not UTF-16 units or bytes")
    func nonASCII() {
        // "ü" is one scalar (two UTF-8 bytes); "😀" is one scalar (two UTF-16 units, four bytes).
        #expect(CompletionContext.at("let ü = 1; ü.", cursor: 13)
                == CompletionContext(prefix: "", start: 13, end: 13, memberBase: "ü"))
        #expect(CompletionContext.at("let s = \"😀\"; s.cou", cursor: 18)
                == CompletionContext(prefix: "cou", start: 15, end: 18, memberBase: "s"))
        #expect(CompletionContext.at("let größe = 1; grö", cursor: 18)
                == CompletionContext(prefix: "grö", start: 15, end: 18))
    }

    @Test("a cursor past the end is clamped")
    func clamped() {
        #expect(CompletionContext.at("ab", cursor: 10) == CompletionContext(prefix: "ab", start: 0, end: 2))
    }
}
