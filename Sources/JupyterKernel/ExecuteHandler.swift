import Foundation
import JupyterWire

extension RequestDispatcher {
    /// `execute_request`: count, `execute_input`, the backend's run with its outputs on IOPub,
    /// `execute_result` or `error`, then the reply. Returns whether queued execute requests
    /// must be aborted: the run failed or was aborted, the request was not silent, and its
    /// `stop_on_error` (default true) holds.
    func execute(_ request: WireMessage) -> Bool {
        let header = request.message.header
        let content = request.message.content
        guard let code = content["code"]?.stringValue else {
            log(.warning, "execute_request \(header.messageID) has no code string; ignored")
            return false
        }
        let silent = content["silent"]?.boolValue ?? false
        let storeHistory = silent ? false : (content["store_history"]?.boolValue ?? true)
        let allowStdin = content["allow_stdin"]?.boolValue ?? false
        let stopOnError = content["stop_on_error"]?.boolValue ?? true
        var userExpressions: [String: String] = [:]
        for (name, value) in content["user_expressions"]?.objectValue ?? [:] {
            if let expression = value.stringValue { userExpressions[name] = expression }
        }

        if storeHistory { executionCount += 1 }
        let count = executionCount
        if !silent {
            iopub.publish("execute_input", content: ["code": .string(code), "execution_count": .int(count)], parent: header)
        }
        if storeHistory { history.append(line: count, source: code) }

        let started = Self.timestamp()
        let output = RequestOutput(
            iopub: iopub, stdin: stdin, comms: comms, log: log, request: request, allowStdin: allowStdin)
        let outcome = backend.execute(
            ExecuteRequest(
                code: code, silent: silent, storeHistory: storeHistory, allowStdin: allowStdin,
                userExpressions: userExpressions, executionCount: count),
            output: output)

        switch outcome {
        case .success(let result):
            if let result, !silent {
                iopub.publish(
                    "execute_result",
                    content: [
                        "execution_count": .int(count), "data": .object(result.data),
                        "metadata": .object(result.metadata),
                    ],
                    parent: header)
            }
        case .failure(let error):
            iopub.publish("error", content: ReplyContent.error(error), parent: header)
        case .aborted, .exitRequested:
            break
        }
        let replyContent = ReplyContent.execute(outcome, executionCount: count)
        reply(to: request, on: .shell, content: replyContent, metadata: executeMetadata(started: started, reply: replyContent))

        if case .success = outcome { return false }
        if case .exitRequested = outcome { return false }
        return !silent && stopOnError
    }

    /// The `execute_reply` with status `aborted` for an execute request that was queued behind
    /// a failure; nothing runs and the count does not change.
    func abort(_ request: WireMessage) {
        let header = request.message.header
        log(.info, "aborting \(header.messageType) \(header.messageID) queued after an error")
        iopub.status("busy", parent: header)
        let replyContent: JSONObject = ["status": "aborted", "execution_count": .int(executionCount)]
        reply(
            to: request, on: .shell, content: replyContent,
            metadata: executeMetadata(started: Self.timestamp(), reply: replyContent))
        iopub.status("idle", parent: header)
    }

    /// Now, as ISO 8601 UTC with milliseconds.
    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }

    /// The `execute_reply` metadata ipykernel writes: start time, engine, status.
    private func executeMetadata(started: String, reply: JSONObject) -> JSONObject {
        [
            "started": .string(started), "dependencies_met": true, "engine": .string(session.id),
            "status": reply["status"] ?? "ok",
        ]
    }
}
