import Foundation
import JupyterWire
import KernelTestSupport
import Testing

@testable import JupyterKernel

/// is_complete, complete, inspect and history over real sockets.
@Suite("language requests")
struct LanguageRequestTests {
    @Test("is_complete_reply maps each verdict; indent only when incomplete")
    func isComplete() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let cases: [(String, JSONObject)] = [
            ("x = 1", ["status": "complete"]),
            ("for x in y:", ["status": "incomplete", "indent": "    "]),
            ("bad", ["status": "invalid"]),
            ("?", ["status": "unknown"]),
        ]
        for (code, expected) in cases {
            let (_, reply, iopub) = try client.request("is_complete_request", ["code": .string(code)])
            #expect(reply.header.messageType == "is_complete_reply")
            #expect(reply.content == expected)
            #expect(Message.types(iopub) == ["status:busy", "status:idle"])
        }
    }

    @Test("complete_request passes code and cursor (code points) through; the reply carries the backend's matches")
    func complete() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let code = "let é = al"
        let reply = try client.request("complete_request", ["code": .string(code), "cursor_pos": 10]).reply
        #expect(reply.header.messageType == "complete_reply")
        #expect(
            reply.content == [
                "status": "ok", "matches": ["alpha", "alphabet"], "cursor_start": 8, "cursor_end": 10,
                "metadata": ["_jupyter_types_experimental": [["text": "alpha", "type": "function"]]],
            ])
        let call = try #require(kernel.backend.completeCalls.first)
        #expect(call.0 == code)
        #expect(call.1 == 10)
    }

    @Test("inspect_reply: found with the bundle, or found false with empty data")
    func inspect() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let found = try client.request(
            "inspect_request", ["code": "known_name", "cursor_pos": 3, "detail_level": 1]
        ).reply
        #expect(found.header.messageType == "inspect_reply")
        #expect(
            found.content == [
                "status": "ok", "found": true, "data": ["text/plain": "docs, level 1"], "metadata": ["source": "fake"],
            ])
        let missing = try client.request("inspect_request", ["code": "nothing", "cursor_pos": 0, "detail_level": 0]).reply
        #expect(missing.content == ["status": "ok", "found": false, "data": [:], "metadata": [:]])
        #expect(kernel.backend.inspectCalls.map { "\($0.0) \($0.1) \($0.2)" } == ["known_name 3 1", "nothing 0 0"])
    }

    @Test("history_request: tail, range and search over the stored executions")
    func history() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        for code in ["print:a", "result:b", "print:a", "fail"] {
            _ = try client.request("execute_request", KernelTestClient.execute(code))
        }
        _ = try client.request("execute_request", KernelTestClient.execute("print:silent", silent: true))
        _ = try client.request("execute_request", KernelTestClient.execute("print:unstored", storeHistory: false))

        func history(_ content: JSONObject) throws -> JSONValue? {
            let reply = try client.request("history_request", content).reply
            #expect(reply.header.messageType == "history_reply")
            #expect(reply.content["status"] == "ok")
            return reply.content["history"]
        }
        let base: JSONObject = ["output": false, "raw": true]
        func with(_ extra: JSONObject) -> JSONObject { base.merging(extra) { _, new in new } }

        #expect(try history(with(["hist_access_type": "tail", "n": 2])) == [[0, 3, "print:a"], [0, 4, "fail"]])
        #expect(
            try history(with(["hist_access_type": "range", "session": 0, "start": 2, "stop": 4]))
                == [[0, 2, "result:b"], [0, 3, "print:a"]])
        #expect(try history(with(["hist_access_type": "range", "session": 0, "start": 3, "stop": 0])) == [[0, 3, "print:a"], [0, 4, "fail"]])
        #expect(try history(with(["hist_access_type": "range", "session": -1, "start": 1, "stop": 0])) == [])
        #expect(try history(with(["hist_access_type": "search", "pattern": "print:*"])) == [[0, 1, "print:a"], [0, 3, "print:a"]])
        #expect(try history(with(["hist_access_type": "search", "pattern": "print:*", "unique": true])) == [[0, 3, "print:a"]])
        #expect(try history(with(["hist_access_type": "search", "pattern": "*", "n": 1])) == [[0, 4, "fail"]])
        #expect(
            try history(["hist_access_type": "tail", "n": 1, "output": true, "raw": true]) == [[0, 4, ["fail", nil]]])
    }
}
