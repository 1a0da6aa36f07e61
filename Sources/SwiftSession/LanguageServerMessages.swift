// The JSON-RPC envelopes `SourceKitClient` exchanges with a language server: requests and
// notifications it sends, the empty answer it gives the server's own requests, and what it
// reads of every incoming message to route it.

/// A request: the server answers it with a response of the same `id`.
struct LanguageServerRequest<Params: Encodable>: Encodable {
    let jsonrpc = "2.0"
    var id: Int
    var method: String
    var params: Params
}

/// A notification: the server does not answer it.
struct LanguageServerNotification<Params: Encodable>: Encodable {
    let jsonrpc = "2.0"
    var method: String
    var params: Params
}

/// The id of a request: JSON-RPC allows a number or a string.
enum LanguageServerRequestID: Codable, Equatable {
    case number(Int)
    case string(String)

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            self = .number(number)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .string(let string): try container.encode(string)
        }
    }
}

/// The answer to a request from the server (progress, configuration, registration):
/// `{"jsonrpc": "2.0", "id": ID, "result": null}`.
struct LanguageServerNullResponse: Encodable {
    var id: LanguageServerRequestID

    enum CodingKeys: String, CodingKey { case jsonrpc, id, result }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("2.0", forKey: .jsonrpc)
        try container.encode(id, forKey: .id)
        try container.encodeNil(forKey: .result)
    }
}

/// What routing needs of an incoming message: a response has an `id` and a `result` or an
/// `error`; a request from the server has a `method` and an `id`; a notification a `method` only.
struct LanguageServerIncoming: Decodable {
    /// A response's error.
    struct ResponseError: Decodable {
        var code: Int?
        var message: String?
    }

    var id: LanguageServerRequestID?
    var method: String?
    var error: ResponseError?
}

/// A response's result, read as `Answer` (nil for `null`).
struct LanguageServerResponse<Answer: Decodable>: Decodable {
    var result: Answer?
}

/// A result whose content is not read (the `initialize` request's).
struct LanguageServerIgnoredResult: Decodable {
    init(from decoder: Decoder) throws {}
}
