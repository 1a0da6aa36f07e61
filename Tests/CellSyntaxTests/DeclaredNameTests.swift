import Testing

@testable import CellSyntax

@Suite("DeclaredName")
struct DeclaredNameTests {
    @Test("every named declaration gives its name, kind, line and signature without attributes or body")
    func namesKindsSignatures() {
        let source = """
            var counter = 0
            let limit: Int = 10, label = "x"
            let (w, h) = (3, 4)
            @discardableResult
            public func scale<T: Numeric>(_ value: T,
                                          by factor: T) throws -> T where T: Comparable {
                value * factor
            }
            struct Point: Equatable { var x = 0.0 }
            final class Box<Item> { var item: Item? = nil }
            enum Color: String { case red }
            protocol Shape { var area: Double { get } }
            typealias Vector = [Float]
            actor Counter { var count = 0 }
            var area: Double { 2 * 3 }
            let model = Sequential(layers: [Dense(inputSize: 784, outputSize: 10), ReLU()])
            let `class` = 1
            """
        let names = CellAnalyzer.analyze(source).declaredNames
        #expect(names.map(\.name) == ["counter", "limit", "label", "w", "h", "scale", "Point", "Box", "Color",
                                      "Shape", "Vector", "Counter", "area", "model", "class"])
        #expect(names.map(\.kind) == [.variable, .constant, .constant, .constant, .constant, .function, .structure,
                                      .class, .enumeration, .protocol, .typeAlias, .actor, .variable, .constant,
                                      .constant])
        #expect(names.map(\.line) == [1, 2, 2, 3, 3, 5, 9, 10, 11, 12, 13, 14, 15, 16, 17])
        #expect(names.map(\.signature) == [
            "var counter = 0",
            "let limit: Int = 10",
            "let label = \"x\"",
            "let (w, h) = (3, 4)",
            "let (w, h) = (3, 4)",
            "public func scale<T: Numeric>(_ value: T, by factor: T) throws -> T where T: Comparable",
            "struct Point: Equatable",
            "final class Box<Item>",
            "enum Color: String",
            "protocol Shape",
            "typealias Vector = [Float]",
            "actor Counter",
            "var area: Double",
            "let model",  // the initializer is too long to show
            "let `class` = 1",
        ])
    }

    @Test("doc comments are kept without their markers; plain comments and detached doc comments are not")
    func documentation() {
        let source = """
            /// Doubles a number.
            ///
            /// - Parameter x: the number
            func twice(_ x: Int) -> Int { 2 * x }
            /**
             * A point.
             *   Indented line.
             */
            struct Point {}
            /** One line. */
            @MainActor class View {}
            // Not documentation.
            let plain = 1
            /// Detached by a blank line.

            let detached = 2
            /// Cut off by a comment.
            // an ordinary comment
            let cut = 3
            """
        let names = CellAnalyzer.analyze(source).declaredNames
        #expect(names.map(\.documentation) == [
            "Doubles a number.\n\n- Parameter x: the number",
            "A point.\n  Indented line.",
            "One line.",
            nil, nil, nil,
        ])
        #expect(names[2].signature == "class View")
    }

    @Test("private and fileprivate declarations are not visible to later cells")
    func privateNames() {
        let names = CellAnalyzer.analyze("private let a = 1\nfileprivate func f() {}\npublic let b = 2\nlet c = 3")
        #expect(names.declaredNames.map(\.name) == ["b", "c"])
    }

    @Test("scoped import keywords: the kind's keyword, and `class` for an actor")
    func scopedImportKeywords() {
        #expect(DeclarationKind.allCases.map(\.scopedImportKeyword) == [
            "var", "let", "func", "struct", "class", "enum", "protocol", "typealias", "class",
        ])
        #expect(DeclarationKind.allCases.map(\.rawValue) == [
            "var", "let", "func", "struct", "class", "enum", "protocol", "typealias", "actor",
        ])
    }
}
