import CellSyntax
import Foundation
import ProcessSpawning

/// Completion and inspection answered by sourcekit-lsp, the toolchain's language server, for
/// a cell seen as `EditorDocument` (the session's imports and earlier cells' modules, then the
/// cell), with the project's modules and the session's cell modules on its search path.
///
/// The server is started on first use, and started again when it died, when a request timed
/// out, or when the session's cell modules changed (the compiler caches what it found in a
/// search folder, so a new cell module would stay invisible to a running server). A request
/// waits at most `answerTimeout` (`startTimeout` while the server has never answered, as it
/// loads the standard library and the project's modules); nil then tells the session to
/// answer from its symbol graphs instead.
///
/// `SWIFT_MARGIN_SOURCEKIT_LSP` names the server's path (`off` turns it off); by default it
/// is `sourcekit-lsp` beside the compiler, or on `PATH`.
final class EditorHelp {
    /// What the server must know of the session.
    struct Workspace: Equatable {
        /// The session folder, where the cell modules are.
        var sessionDirectory: URL
        /// swiftc arguments that make the project's modules importable.
        var moduleSearchArguments: [String]
        /// The lines a cell starts with (imports), as `EditorDocument` takes them.
        var preamble: [String]

        /// What the running server was started for: it is restarted when this changes.
        fileprivate var serverKey: [String] {
            [sessionDirectory.path] + moduleSearchArguments + preamble.filter { $0.contains("@testable import") }
        }
    }

    /// Completions of a cell: the matches, and the range of the cell (unicode scalars) they replace.
    struct Completions {
        var matches: [TypedCompletion]
        var start: Int
        var end: Int
    }

    /// How long a request to a server that has answered before may take.
    static let answerTimeout: Duration = .seconds(2)
    /// How long the first request to a new server may take (it loads the modules).
    static let startTimeout: Duration = .seconds(10)

    private let toolPath: String?
    private let compilerPath: String
    private var server: SourceKitClient?
    private var serverKey: [String] = []
    private var hasAnswered = false
    private var mustRestart = false
    private var documentText: String?
    private var documentVersion = 0
    /// After a server that did not even start in time, none is started again before this.
    private var quietUntil: ContinuousClock.Instant?
    /// How long to wait before starting again a server that hung while starting.
    static let startBackoff: Duration = .seconds(30)

    /// Help from the sourcekit-lsp that belongs with `compilerPath` (or the one the
    /// environment names).
    init(compilerPath: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.compilerPath = compilerPath
        toolPath = Self.findTool(compilerPath: compilerPath, environment: environment)
    }

    deinit {
        server?.terminate()
    }

    /// Ends the server (the next request starts a new one).
    func stop() {
        server?.terminate()
        server = nil
    }

    /// The completions at `cursor` (unicode scalars) of `code`, or nil when the server is
    /// missing, slow or dead.
    func completions(in code: String, cursor: Int, workspace: Workspace) -> Completions? {
        let context = CompletionContext.at(code, cursor: cursor)
        let document = EditorDocument(preamble: workspace.preamble, cell: code)
        guard let (server, deadline) = prepare(workspace, document: document) else { return nil }
        let reply = server.request("textDocument/completion", LSPDocumentPositionParams(
            textDocument: LSPDocumentIdentifier(uri: documentURI(workspace)),
            position: document.lspPosition(ofCellScalar: cursor)), answer: LSPCompletionResult.self, deadline: deadline)
        guard let items = completionItems(answered(reply)) else { return nil }
        let scalars = Array(code.unicodeScalars)
        let afterPeriod = context.start > 0 && context.start <= scalars.count && scalars[context.start - 1] == "."
        let candidates = items.filter { $0.isName && !(afterPeriod && $0.kindName == "keyword") }
            .filter { !$0.name.hasPrefix("_") || context.prefix.hasPrefix("_") }
        var chosen = candidates.filter { $0.name.hasPrefix(context.prefix) }
        if chosen.isEmpty {
            let lowered = context.prefix.lowercased()
            chosen = candidates.filter { $0.name.lowercased().hasPrefix(lowered) }
        }
        var seen: Set<String> = []
        let matches = TypedCompletion.userNamesFirst(chosen.filter { seen.insert($0.name).inserted }
            .map { TypedCompletion(text: $0.name, type: $0.kindName, signature: $0.signature) })
        return Completions(matches: matches, start: context.start, end: context.end)
    }

    /// The declaration and documentation of the name at `cursor` (every overload when it has
    /// several), as plain text, or nil when nothing is found or the server cannot answer.
    func inspection(of code: String, cursor: Int, workspace: Workspace) -> String? {
        let context = CompletionContext.at(code, cursor: cursor)
        guard context.start < context.end else { return nil }
        let name = String(String.UnicodeScalarView(Array(code.unicodeScalars)[context.start..<context.end]))
        let document = EditorDocument(preamble: workspace.preamble, cell: code)
        guard let (server, deadline) = prepare(workspace, document: document) else { return nil }
        let textDocument = LSPDocumentIdentifier(uri: documentURI(workspace))
        // Both requests at once: the server answers them side by side.
        let completion = server.send("textDocument/completion", LSPDocumentPositionParams(
            textDocument: textDocument, position: document.lspPosition(ofCellScalar: context.end)), deadline: deadline)
        let hover = server.send("textDocument/hover", LSPDocumentPositionParams(
            textDocument: textDocument, position: document.lspPosition(ofCellScalar: context.start)), deadline: deadline)
        guard case .success(let completionID) = completion, case .success(let hoverID) = hover else {
            mustRestart = true
            return nil
        }
        let completionReply = server.response(to: completionID, as: LSPCompletionResult.self, deadline: deadline)
        let hoverReply = server.response(to: hoverID, as: LSPHover.self, deadline: deadline)
        let items = completionItems(answered(completionReply)) ?? []
        let hoverText = answered(hoverReply).flatMap { $0.flatMap(Self.hoverText) }
        let overloads = Self.distinctOverloads(items.filter { $0.name == name && $0.kind != 14 })
        if overloads.count >= 2 {
            return "\(overloads.count) declarations of \(name):\n\n"
                + overloads.map(Self.describe).joined(separator: "\n\n")
        }
        return hoverText ?? overloads.first.map(Self.describe)
    }

    // MARK: - The server

    /// A running server with the document synchronised, and the deadline of the request to
    /// make; nil when there is no server to ask.
    private func prepare(_ workspace: Workspace, document: EditorDocument) -> (SourceKitClient, ContinuousClock.Instant)? {
        guard let toolPath else { return nil }
        if let quietUntil, ContinuousClock.now < quietUntil { return nil }
        if let running = server, mustRestart || !running.isAlive || serverKey != workspace.serverKey {
            running.terminate()
            server = nil
        }
        mustRestart = false
        let deadline = ContinuousClock.now + (server != nil && hasAnswered ? Self.answerTimeout : Self.startTimeout)
        if server == nil {
            guard let started = start(toolPath, workspace, deadline: deadline) else {
                if ContinuousClock.now >= deadline { quietUntil = ContinuousClock.now + Self.startBackoff }
                return nil
            }
            server = started
            serverKey = workspace.serverKey
            hasAnswered = false
            documentText = nil
        }
        guard let server else { return nil }
        let uri = documentURI(workspace)
        let sent: Result<Void, SourceKitClient.Failure>
        if documentText == nil {
            documentVersion = 1
            sent = server.notify("textDocument/didOpen", LSPDidOpenParams(
                textDocument: .init(uri: uri, languageId: "swift", version: documentVersion, text: document.text)), deadline: deadline)
        } else if documentText != document.text {
            documentVersion += 1
            sent = server.notify("textDocument/didChange", LSPDidChangeParams(
                textDocument: .init(uri: uri, version: documentVersion), contentChanges: [.init(text: document.text)]), deadline: deadline)
        } else {
            sent = .success(())
        }
        guard case .success = sent else {
            mustRestart = true
            return nil
        }
        documentText = document.text
        return (server, deadline)
    }

    /// Writes the compilation database the server reads and starts it.
    private func start(_ toolPath: String, _ workspace: Workspace, deadline: ContinuousClock.Instant) -> SourceKitClient? {
        let folder = editorFolder(workspace)
        let arguments = [compilerPath, "-swift-version", "5", "-module-name", "EditorCell",
                         "-I", workspace.sessionDirectory.path] + workspace.moduleSearchArguments + [documentPath(workspace)]
        let database = [CompilationCommand(directory: folder.path, file: documentPath(workspace), arguments: arguments)]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let data = try encoder.encode(database)
            try data.write(to: folder.appendingPathComponent("compile_commands.json"))
        } catch {
            return nil
        }
        guard let client = try? SourceKitClient(
            arguments: [toolPath, "--default-workspace-type", "compilationDatabase"]) else { return nil }
        let reply = client.request(
            "initialize", LSPInitializeParams(processId: Int(getpid()), rootUri: folder.absoluteString),
            answer: LanguageServerIgnoredResult.self, deadline: deadline)
        guard case .success = reply,
              case .success = client.notify("initialized", LSPEmptyParams(), deadline: deadline) else {
            client.terminate()
            return nil
        }
        return client
    }

    /// The result of a reply (nil: no answer; `.some(nil)`: a `null` result); a timeout or a
    /// dead server marks the server for a restart.
    private func answered<Answer>(_ reply: Result<Answer?, SourceKitClient.Failure>) -> Answer?? {
        switch reply {
        case .success(let result):
            hasAnswered = true
            return .some(result)
        case .failure(.responseError):
            return nil
        case .failure(.timedOut), .failure(.ended):
            mustRestart = true
            return nil
        }
    }

    /// The items of a completion result (a `CompletionList` or an array), in the server's
    /// order of relevance; nil when there was no answer.
    private func completionItems(_ result: LSPCompletionResult??) -> [EditorSymbol]? {
        guard case .some(let result) = result else { return nil }
        let symbols = (result?.items ?? []).compactMap(EditorSymbol.init(item:))
        return symbols.enumerated().sorted { ($0.element.sortText, $0.offset) < ($1.element.sortText, $1.offset) }
            .map(\.element)
    }

    private func editorFolder(_ workspace: Workspace) -> URL {
        workspace.sessionDirectory.appendingPathComponent("editor")
    }

    private func documentPath(_ workspace: Workspace) -> String {
        editorFolder(workspace).appendingPathComponent("Cell.swift").path
    }

    private func documentURI(_ workspace: Workspace) -> String {
        URL(fileURLWithPath: documentPath(workspace)).absoluteString
    }

    // MARK: - Text

    /// A hover's contents as plain text (code fences, and the Markdown heading and rules
    /// sourcekit-lsp puts around several results, dropped).
    static func hoverText(_ hover: LSPHover) -> String? {
        let parts = hover.contents.compactMap(\.value)
        let lines = parts.joined(separator: "\n\n").split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return !trimmed.hasPrefix("```") && trimmed != "## Multiple results" && trimmed != "---"
            }
        let plain = lines.joined(separator: "\n").replacingOccurrences(of: "\n\n\n+", with: "\n\n", options: .regularExpression)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return plain.isEmpty ? nil : plain
    }

    /// A symbol's signature and documentation.
    static func describe(_ symbol: EditorSymbol) -> String {
        symbol.signature + (symbol.documentation.map { "\n\n" + $0 } ?? "")
    }

    /// The declarations among completion items of one name: an item that only leaves out
    /// defaulted arguments of another with the same documentation (sourcekit offers
    /// `print(_:)` beside `print(_:separator:terminator:)`) is the same declaration.
    static func distinctOverloads(_ items: [EditorSymbol]) -> [EditorSymbol] {
        var unique: [EditorSymbol] = []
        for item in items where !unique.contains(where: { $0.label == item.label }) {
            unique.append(item)
        }
        return unique.filter { item in
            !unique.contains { other in
                other.label != item.label && other.kind == item.kind && other.documentation == item.documentation
                    && other.parameters.count > item.parameters.count
                    && isSubsequence(item.parameters, of: other.parameters)
            }
        }
    }

    private static func isSubsequence(_ small: [String], of large: [String]) -> Bool {
        var index = large.startIndex
        for element in small {
            guard let found = large[index...].firstIndex(of: element) else { return false }
            index = found + 1
        }
        return true
    }

    /// The server's path: `SWIFT_MARGIN_SOURCEKIT_LSP` (`off` or empty: none), else
    /// `sourcekit-lsp` beside the compiler (as given, then with links resolved), else on `PATH`.
    static func findTool(compilerPath: String, environment: [String: String]) -> String? {
        if let named = environment["SWIFT_MARGIN_SOURCEKIT_LSP"] {
            return named.isEmpty || named == "off" ? nil : named
        }
        let compiler = URL(fileURLWithPath: compilerPath)
        for folder in [compiler.deletingLastPathComponent(), compiler.resolvingSymlinksInPath().deletingLastPathComponent()] {
            let candidate = folder.appendingPathComponent("sourcekit-lsp").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return findExecutable(named: "sourcekit-lsp", fallbackFolders: ["/opt/swift/usr/bin", "/usr/bin"])
    }
}
