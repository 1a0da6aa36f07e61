import Foundation
import Testing
@testable import SwiftSession

@Suite("Language server messages: what goes to sourcekit-lsp and what is read back")
struct LanguageServerMessageTests {
    private func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("a request carries jsonrpc, id, method and params")
    func request() throws {
        let params = LSPDocumentPositionParams(
            textDocument: LSPDocumentIdentifier(uri: "file:///tmp/Cell.swift"), position: LSPPosition(line: 2, character: 5))
        #expect(try json(LanguageServerRequest(id: 7, method: "textDocument/hover", params: params))
            == #"{"id":7,"jsonrpc":"2.0","method":"textDocument\/hover","params":{"position":{"character":5,"line":2},"textDocument":{"uri":"file:\/\/\/tmp\/Cell.swift"}}}"#
                .replacingOccurrences(of: "\\/", with: "/"))
    }

    @Test("the answer to a server's request echoes its id and has a null result; initialized has empty params")
    func nullResponse() throws {
        #expect(try json(LanguageServerNullResponse(id: .string("token-1"))) == #"{"id":"token-1","jsonrpc":"2.0","result":null}"#)
        #expect(try json(LanguageServerNullResponse(id: .number(3))) == #"{"id":3,"jsonrpc":"2.0","result":null}"#)
        #expect(try json(LanguageServerNotification(method: "initialized", params: LSPEmptyParams()))
            == #"{"jsonrpc":"2.0","method":"initialized","params":{}}"#)
    }

    @Test("initialize asks for plain text or Markdown, no snippets and no background indexing")
    func initialize() throws {
        #expect(try json(LSPInitializeParams(processId: 12, rootUri: "file:///s/editor/")) == """
            {"capabilities":{"textDocument":{"completion":{"completionItem":{"documentationFormat":["plaintext","markdown"],\
            "snippetSupport":false}},"hover":{"contentFormat":["plaintext","markdown"]}}},\
            "initializationOptions":{"backgroundIndexing":false},"processId":12,"rootUri":"file:///s/editor/"}
            """)
    }

    @Test("a completion result is read from a CompletionList or a bare array, documentation from text or markup")
    func completionResult() throws {
        let list = #"{"isIncomplete": false, "items": [{"label": "squareRoot()", "kind": 2, "detail": "Double", "documentation": {"kind": "markdown", "value": "The root."}}, {"kind": 6}]}"#
        let array = #"[{"label": "x", "kind": 6, "detail": "Int", "documentation": "A count.", "sortText": "a"}]"#
        let fromList = try JSONDecoder().decode(LSPCompletionResult.self, from: Data(list.utf8))
        let fromArray = try JSONDecoder().decode(LSPCompletionResult.self, from: Data(array.utf8))
        let symbols = (fromList.items + fromArray.items).compactMap(EditorSymbol.init(item:))
        #expect(symbols.map(\.name) == ["squareRoot", "x"])
        #expect(symbols.map(\.documentation) == ["The root.", "A count."])
        #expect(symbols[0].signature == "func squareRoot() -> Double")
    }

    @Test("a response's null result reads as nil, its result as the request's type")
    func responses() throws {
        let null = try JSONDecoder().decode(LanguageServerResponse<LSPHover>.self, from: Data(#"{"jsonrpc":"2.0","id":1,"result":null}"#.utf8))
        #expect(null.result == nil)
        let hover = try JSONDecoder().decode(
            LanguageServerResponse<LSPHover>.self,
            from: Data(#"{"id":2,"result":{"contents":[{"language":"swift","value":"```swift\nvar x: Int\n```"},"Counts."]}}"#.utf8))
        #expect(hover.result.flatMap(EditorHelp.hoverText) == "var x: Int\n\nCounts.")
        let markup = try JSONDecoder().decode(LSPHover.self, from: Data(#"{"contents":{"kind":"plaintext","value":"let y"}}"#.utf8))
        #expect(EditorHelp.hoverText(markup) == "let y")
    }
}
