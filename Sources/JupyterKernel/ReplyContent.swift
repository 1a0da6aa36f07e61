import JupyterWire

/// The content objects of the kernel's replies, built from the backend's answers.
enum ReplyContent {
    /// `kernel_info_reply`, protocol version 5.3; `debugger: false` tells frontends not to
    /// send `debug_request`.
    static func kernelInfo(_ info: KernelInfo) -> JSONObject {
        [
            "status": "ok",
            "protocol_version": .string(MessageHeader.protocolVersion),
            "implementation": .string(info.implementation),
            "implementation_version": .string(info.implementationVersion),
            "language_info": [
                "name": .string(info.languageName),
                "version": .string(info.languageVersion),
                "mimetype": .string(info.mimetype),
                "file_extension": .string(info.fileExtension),
                "pygments_lexer": .string(info.pygmentsLexer),
                "codemirror_mode": .string(info.codemirrorMode),
            ],
            "banner": .string(info.banner),
            "help_links": .array(info.helpLinks.map { ["text": .string($0.text), "url": .string($0.url)] }),
            "debugger": false,
        ]
    }

    /// `is_complete_reply`: `status`, and `indent` when incomplete.
    static func isComplete(_ verdict: CompletenessVerdict) -> JSONObject {
        switch verdict {
        case .complete: return ["status": "complete"]
        case .incomplete(let indent): return ["status": "incomplete", "indent": .string(indent)]
        case .invalid: return ["status": "invalid"]
        case .unknown: return ["status": "unknown"]
        }
    }

    /// `complete_reply`.
    static func complete(_ matches: CompletionMatches) -> JSONObject {
        [
            "status": "ok",
            "matches": .array(matches.matches.map { .string($0) }),
            "cursor_start": .int(matches.cursorStart),
            "cursor_end": .int(matches.cursorEnd),
            "metadata": .object(matches.metadata),
        ]
    }

    /// `inspect_reply`: `found` with the bundle, or `found: false` with empty data.
    static func inspect(_ result: InspectionResult?) -> JSONObject {
        [
            "status": "ok",
            "found": .bool(result != nil),
            "data": .object(result?.bundle.data ?? [:]),
            "metadata": .object(result?.bundle.metadata ?? [:]),
        ]
    }

    /// The `error` message's content: `ename`, `evalue`, `traceback`.
    static func error(_ error: KernelError) -> JSONObject {
        [
            "ename": .string(error.ename),
            "evalue": .string(error.evalue),
            "traceback": .array(error.traceback.map { .string($0) }),
        ]
    }

    /// `execute_reply` for `outcome`, which used `executionCount`.
    static func execute(_ outcome: ExecuteOutcome, executionCount: Int) -> JSONObject {
        var content: JSONObject = ["execution_count": .int(executionCount)]
        switch outcome {
        case .success:
            content["status"] = "ok"
            content["user_expressions"] = [:]
            content["payload"] = []
        case .failure(let failure):
            content.merge(error(failure)) { _, new in new }
            content["status"] = "error"
            content["user_expressions"] = [:]
            content["payload"] = []
        case .exitRequested:
            content["status"] = "ok"
            content["user_expressions"] = [:]
            content["payload"] = [["source": "ask_exit", "keepkernel": false]]
        case .aborted:
            content["status"] = "aborted"
        }
        return content
    }

    /// `connect_reply`: the ports of the five channels.
    static func connect(_ connection: ConnectionFile) -> JSONObject {
        [
            "status": "ok",
            "shell_port": .int(connection.shellPort), "iopub_port": .int(connection.iopubPort),
            "stdin_port": .int(connection.stdinPort), "control_port": .int(connection.controlPort),
            "hb_port": .int(connection.heartbeatPort),
        ]
    }

    /// `debug_reply` to a `debug_request` (a Debug Adapter Protocol request): this kernel has
    /// no debugger, so every request fails.
    static func debugUnsupported(request: JSONObject) -> JSONObject {
        [
            "type": "response",
            "seq": .int(0),
            "request_seq": request["seq"] ?? .int(0),
            "success": false,
            "command": request["command"] ?? .string(""),
            "message": "this kernel has no debugger",
        ]
    }
}
