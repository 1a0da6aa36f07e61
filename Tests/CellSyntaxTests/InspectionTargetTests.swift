import Testing

@testable import CellSyntax

@Suite("InspectionTarget")
struct InspectionTargetTests {
    @Test("the identifier under the cursor, qualified by the names before it")
    func dotted() {
        let source = "let z = Tensor.matmul(a, b)"
        #expect(InspectionTarget.at(source, cursor: 17) == "Tensor.matmul")  // inside "matmul"
        #expect(InspectionTarget.at(source, cursor: 10) == "Tensor")
        #expect(InspectionTarget.at(source, cursor: 22) == "a")
        #expect(InspectionTarget.at("x.layers.count", cursor: 12) == "x.layers.count")
        #expect(InspectionTarget.at("let d: Models.Dense", cursor: 17) == "Models.Dense")
    }

    @Test("the identifier just before the cursor")
    func justBefore() {
        #expect(InspectionTarget.at("x", cursor: 1) == "x")
        #expect(InspectionTarget.at("print(model)", cursor: 11) == "model")
        #expect(InspectionTarget.at("model.fit(", cursor: 9) == "model.fit")
    }

    @Test("a call or subscript in the chain ends the qualification")
    func brokenChain() {
        #expect(InspectionTarget.at("f(1).count", cursor: 7) == "count")
        #expect(InspectionTarget.at("xs[0].magnitude", cursor: 10) == "magnitude")
    }

    @Test("no identifier at the cursor gives nil")
    func nothing() {
        #expect(InspectionTarget.at("let x = 1 + 2", cursor: 9) == nil)
        #expect(InspectionTarget.at("", cursor: 0) == nil)
        #expect(InspectionTarget.at("f( )", cursor: 3) == nil)
    }

    @Test("the cursor counts unicode scalars")
    func nonASCII() {
        #expect(InspectionTarget.at("let s = \"😀\"; größe.bit", cursor: 17) == "größe")
        #expect(InspectionTarget.at("let s = \"😀\"; größe.bit", cursor: 20) == "größe.bit")
    }
}

@Suite("InspectionTarget.nameEnd")
struct InspectionNameEndTests {
    @Test("inside a call's parentheses, the callee's name ends where the inspection looks")
    func insideACall() {
        #expect(InspectionTarget.nameEnd(in: "decisionBoundaryFigure(", cursor: 23) == 22)
        let panel = "DecisionBoundaryPanel(\"x\", "
        #expect(InspectionTarget.nameEnd(in: panel, cursor: 27) == 21)  // after the first argument
        #expect(InspectionTarget.nameEnd(in: "let t = model.fit(x, )", cursor: 21) == 17)
        #expect(InspectionTarget.nameEnd(in: "Tensor<Float>(zeros: [2], )", cursor: 26) == 6)
        #expect(InspectionTarget.at("let t = model.fit(x, )", cursor: 17) == "model.fit")
    }

    @Test("the innermost call, and none once its parenthesis is closed")
    func nesting() {
        #expect(InspectionTarget.nameEnd(in: "f(g(1, ), 2)", cursor: 7) == 3)
        #expect(InspectionTarget.nameEnd(in: "f(g(1), 2)", cursor: 8) == 1)
        #expect(InspectionTarget.nameEnd(in: "f(1) ", cursor: 5) == nil)
        #expect(InspectionTarget.nameEnd(in: "let x = (1, 2)", cursor: 10) == nil)
    }

    @Test("on or right after a name, the cursor itself")
    func onAName() {
        #expect(InspectionTarget.nameEnd(in: "f(model)", cursor: 7) == 7)
        #expect(InspectionTarget.nameEnd(in: "f(model)", cursor: 4) == 4)
    }
}
