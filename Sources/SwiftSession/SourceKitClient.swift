#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ProcessSpawning

/// A language server (sourcekit-lsp) run as a child process and spoken to with JSON-RPC
/// (the Language Server Protocol's framing: `Content-Length` headers) over its standard input
/// and output.
///
/// Every wait has a deadline: a server that is slow, hung or dead never blocks the caller
/// longer than the deadline it gives. A reader thread takes the server's messages as they
/// come: responses are kept for the request that waits for them (late ones are dropped),
/// requests from the server get an empty result, notifications are ignored. Parameters are
/// `Encodable` and results `Decodable` (the protocol's types, `LanguageServerTypes.swift`).
///
///     let server = try SourceKitClient(arguments: ["/opt/swift/usr/bin/sourcekit-lsp"])
///     let deadline = ContinuousClock.now + .seconds(2)
///     let reply = server.request("textDocument/hover", position, answer: LSPHover.self, deadline: deadline)
final class SourceKitClient: @unchecked Sendable {
    /// Why a request has no result.
    enum Failure: Error, Equatable {
        /// The deadline passed first.
        case timedOut
        /// The server ended (or closed its output) before answering.
        case ended
        /// The server answered with an error.
        case responseError(String)
    }

    private let child: ChildProcess
    /// Our end of the server's standard input (non-blocking, so a server that stops reading
    /// cannot block a write past its deadline).
    private let input: Int32
    private let state = NSCondition()
    // Guarded by `state`:
    private var nextID = 1
    private var waiting: Set<Int> = []
    /// The bodies of the responses that came, by request id.
    private var responses: [Int: Result<[UInt8], Failure>] = [:]
    private var hasEnded = false
    private var hasBeenReaped = false
    private var inputClosed = false
    private let writeLock = NSLock()

    /// Starts the server: `arguments[0]` is its absolute path. Its standard error goes to
    /// /dev/null.
    init(arguments: [String], environment: [String: String]? = nil) throws(SpawnError) {
        signal(SIGPIPE, SIG_IGN)  // a dead server must not take the kernel with it
        let toServer = try CloseOnExecPipe()
        let fromServer: CloseOnExecPipe
        do {
            fromServer = try CloseOnExecPipe()
        } catch {
            close(toServer.readEnd)
            close(toServer.writeEnd)
            throw error
        }
        do {
            child = try ChildProcess.spawn(
                arguments: arguments, environment: environment,
                descriptors: [0: toServer.readEnd, 1: fromServer.writeEnd], signals: .emptyMaskAndDefaultSIGPIPE)
        } catch {
            [toServer.readEnd, toServer.writeEnd, fromServer.readEnd, fromServer.writeEnd].forEach { close($0) }
            throw error
        }
        close(toServer.readEnd)
        close(fromServer.writeEnd)
        input = toServer.writeEnd
        _ = fcntl(input, F_SETFL, fcntl(input, F_GETFL) | O_NONBLOCK)
        let output = fromServer.readEnd
        Thread.detachNewThread { [self] in readMessages(from: output) }
    }

    deinit {
        terminate()
    }

    /// Whether the server has ended (closed its output).
    var isAlive: Bool {
        state.withLock { !hasEnded }
    }

    /// Sends a request and waits for its result (nil for `null`) until `deadline`.
    func request<Answer: Decodable>(
        _ method: String, _ params: some Encodable, answer: Answer.Type, deadline: ContinuousClock.Instant
    ) -> Result<Answer?, Failure> {
        switch send(method, params, deadline: deadline) {
        case .success(let id): return response(to: id, as: answer, deadline: deadline)
        case .failure(let failure): return .failure(failure)
        }
    }

    /// Sends a request without waiting for its result; `response(to:as:deadline:)` waits for it.
    /// Several requests sent this way are answered concurrently by the server.
    func send(_ method: String, _ params: some Encodable, deadline: ContinuousClock.Instant) -> Result<Int, Failure> {
        let id: Int = state.withLock {
            defer { nextID += 1 }
            waiting.insert(nextID)
            return nextID
        }
        let sent = write(LanguageServerRequest(id: id, method: method, params: params), deadline: deadline)
        if case .failure(let failure) = sent {
            state.withLock { _ = waiting.remove(id) }
            return .failure(failure)
        }
        return .success(id)
    }

    /// The result of the request `id` read as `Answer` (nil for `null`), waiting for it until
    /// `deadline`. A response that comes after the deadline is dropped; one whose result is
    /// not an `Answer` is a `responseError`.
    func response<Answer: Decodable>(to id: Int, as answer: Answer.Type, deadline: ContinuousClock.Instant) -> Result<Answer?, Failure> {
        responseBody(to: id, deadline: deadline).flatMap { body in
            do {
                return .success(try JSONDecoder().decode(LanguageServerResponse<Answer>.self, from: Data(body)).result)
            } catch {
                return .failure(.responseError("the result is not a \(Answer.self): \(error)"))
            }
        }
    }

    /// The body of the response to the request `id`, waiting for it until `deadline`.
    private func responseBody(to id: Int, deadline: ContinuousClock.Instant) -> Result<[UInt8], Failure> {
        state.lock()
        defer {
            waiting.remove(id)
            responses[id] = nil
            state.unlock()
        }
        while true {
            if let response = responses[id] { return response }
            if hasEnded { return .failure(.ended) }
            let remaining = deadline - ContinuousClock.now
            if remaining <= .zero { return .failure(.timedOut) }
            let seconds = Double(remaining.components.seconds) + Double(remaining.components.attoseconds) * 1e-18
            _ = state.wait(until: Date(timeIntervalSinceNow: seconds))
        }
    }

    /// Sends a notification (a message that gets no response).
    @discardableResult
    func notify(_ method: String, _ params: some Encodable, deadline: ContinuousClock.Instant) -> Result<Void, Failure> {
        write(LanguageServerNotification(method: method, params: params), deadline: deadline)
    }

    /// Ends the server now: its input is closed (a language server exits when it reads the end
    /// of its input) and it is killed, with any process it started.
    func terminate() {
        writeLock.withLock {
            state.withLock {
                if !inputClosed {
                    inputClosed = true
                    close(input)
                }
                if !hasBeenReaped { child.killWithDescendants() }
            }
        }
    }

    // MARK: - Framing

    private func write(_ message: some Encodable, deadline: ContinuousClock.Instant) -> Result<Void, Failure> {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        guard let body = try? encoder.encode(message) else {
            return .failure(.responseError("the message cannot be written as JSON"))
        }
        let bytes = Array("Content-Length: \(body.count)\r\n\r\n".utf8) + Array(body)
        return writeLock.withLock { () -> Result<Void, Failure> in
            if state.withLock({ inputClosed || hasEnded }) { return .failure(.ended) }
            switch writeAll(bytes, to: input, deadline: deadline) {
            case .success: return .success(())
            case .failure(.deadlinePassed): return .failure(.timedOut)
            case .failure(.ended): return .failure(.ended)
            }
        }
    }

    /// The reader thread: splits the server's output into messages until it ends, then reaps
    /// the server.
    private func readMessages(from output: Int32) {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        reading: while true {
            let count = read(output, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            buffer.append(contentsOf: chunk[..<count])
            while let (body, used) = Self.nextMessage(in: buffer) {
                buffer.removeFirst(used)
                guard let body else { break reading }  // not the protocol's framing
                handle(body)
            }
        }
        close(output)
        state.withLock {
            hasEnded = true
            state.broadcast()
        }
        _ = child.waitForExit()
        state.withLock { hasBeenReaped = true }
    }

    /// The body of the first complete message in `buffer` and the bytes it takes (a nil body
    /// for a header without a length), or nil when no message is complete yet.
    static func nextMessage(in buffer: [UInt8]) -> (body: [UInt8]?, used: Int)? {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard buffer.count >= 4,
              let headerEnd = (0...(buffer.count - 4)).first(where: { buffer[$0..<$0 + 4].elementsEqual(separator) })
        else { return nil }
        let header = String(decoding: buffer[..<headerEnd], as: UTF8.self)
        let length = header.split(separator: "\r\n").compactMap { line -> Int? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "content-length" else { return nil }
            return Int(parts[1].trimmingCharacters(in: .whitespaces))
        }.first
        guard let length else { return (nil, buffer.count) }
        let start = headerEnd + 4
        guard buffer.count >= start + length else { return nil }
        return (Array(buffer[start..<start + length]), start + length)
    }

    /// Routes one incoming message: a response to its waiting request (its body, read later
    /// as the type the request expects), an empty result to a request from the server.
    private func handle(_ body: [UInt8]) {
        guard let message = try? JSONDecoder().decode(LanguageServerIncoming.self, from: Data(body)) else { return }
        if message.method != nil {
            // A request from the server (progress, configuration, registration): an empty result.
            if let id = message.id {
                _ = write(LanguageServerNullResponse(id: id), deadline: .now + .seconds(1))
            }
            return
        }
        guard case .number(let number)? = message.id else { return }
        let response: Result<[UInt8], Failure>
        if let error = message.error {
            response = .failure(.responseError(error.message ?? "error \(error.code.map(String.init) ?? "")"))
        } else {
            response = .success(body)
        }
        state.withLock {
            guard waiting.contains(number) else { return }
            responses[number] = response
            state.broadcast()
        }
    }
}
