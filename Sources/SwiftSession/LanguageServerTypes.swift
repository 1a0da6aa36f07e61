// The Language Server Protocol's parameters and results `EditorHelp` uses (the fields it
// sends and reads, no more).

/// A place in a document: zero-based line, and UTF-16 offset in the line.
struct LSPPosition: Codable, Equatable {
    var line: Int
    var character: Int
}

/// A document named by its URI.
struct LSPDocumentIdentifier: Encodable {
    var uri: String
}

/// `textDocument/completion` and `textDocument/hover`: a place in a document.
struct LSPDocumentPositionParams: Encodable {
    var textDocument: LSPDocumentIdentifier
    var position: LSPPosition
}

/// `textDocument/didOpen`: the document's whole text.
struct LSPDidOpenParams: Encodable {
    struct Item: Encodable {
        var uri: String
        var languageId: String
        var version: Int
        var text: String
    }

    var textDocument: Item
}

/// `textDocument/didChange`: the new whole text.
struct LSPDidChangeParams: Encodable {
    struct Document: Encodable {
        var uri: String
        var version: Int
    }

    struct Change: Encodable {
        var text: String
    }

    var textDocument: Document
    var contentChanges: [Change]
}

/// `initialize`: plain text or Markdown documentation and no snippets, no background indexing.
struct LSPInitializeParams: Encodable {
    struct Capabilities: Encodable {
        struct TextDocument: Encodable {
            struct Completion: Encodable {
                struct Item: Encodable {
                    var snippetSupport = false
                    var documentationFormat = ["plaintext", "markdown"]
                }

                var completionItem = Item()
            }

            struct Hover: Encodable {
                var contentFormat = ["plaintext", "markdown"]
            }

            var completion = Completion()
            var hover = Hover()
        }

        var textDocument = TextDocument()
    }

    struct Options: Encodable {
        var backgroundIndexing = false
    }

    var processId: Int
    var rootUri: String
    var capabilities = Capabilities()
    var initializationOptions = Options()
}

/// Parameters that are an empty object (`initialized`).
struct LSPEmptyParams: Encodable {}

/// Text that is a string, or an object with a `value` (`MarkupContent`, a `MarkedString`
/// with a language).
struct LSPText: Decodable, Equatable {
    var value: String?

    private enum CodingKeys: String, CodingKey { case value }

    init(from decoder: Decoder) throws {
        if let string = try? decoder.singleValueContainer().decode(String.self) {
            value = string
        } else {
            value = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .value)
        }
    }
}

/// One item of a completion result.
struct LSPCompletionItem: Decodable {
    var label: String?
    /// The `CompletionItemKind`.
    var kind: Int?
    var detail: String?
    var filterText: String?
    var sortText: String?
    var documentation: LSPText?
}

/// A completion result: a `CompletionList` or a bare array of items.
struct LSPCompletionResult: Decodable {
    var items: [LSPCompletionItem]

    private enum CodingKeys: String, CodingKey { case items }

    init(from decoder: Decoder) throws {
        if let items = try? decoder.singleValueContainer().decode([LSPCompletionItem].self) {
            self.items = items
        } else {
            items = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent([LSPCompletionItem].self, forKey: .items) ?? []
        }
    }
}

/// A hover result: its contents, one text or several.
struct LSPHover: Decodable {
    var contents: [LSPText]

    private enum CodingKeys: String, CodingKey { case contents }

    init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let parts = try? container.decode([LSPText].self, forKey: .contents) {
            contents = parts
        } else {
            contents = [try container.decode(LSPText.self, forKey: .contents)]
        }
    }
}
