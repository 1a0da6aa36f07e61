import Foundation
import JupyterWire
import KernelTestSupport
import Testing

@testable import JupyterKernel

/// execute_request: IOPub order, replies, counting, errors, aborting the queue.
@Suite("execute_request")
struct ExecuteTests {
    @Test("busy, execute_input, stream, execute_result, idle on IOPub; then an ok reply")
    func flow() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)

        let (header, reply, iopub) = try client.request(
            "execute_request", KernelTestClient.execute("print:hello;stderr:oops;result:42"))
        #expect(
            Message.types(iopub) == ["status:busy", "execute_input", "stream", "stream", "execute_result", "status:idle"])
        #expect(iopub[1].content == ["code": "print:hello;stderr:oops;result:42", "execution_count": 1])
        #expect(iopub[2].content == ["name": "stdout", "text": "hello"])
        #expect(iopub[3].content == ["name": "stderr", "text": "oops"])
        #expect(iopub[4].content == ["execution_count": 1, "data": ["text/plain": "42"], "metadata": [:]])
        #expect(iopub.allSatisfy { $0.parentHeader == header })

        #expect(reply.header.messageType == "execute_reply")
        #expect(reply.parentHeader == header)
        #expect(
            reply.content == ["status": "ok", "execution_count": 1, "user_expressions": [:], "payload": []])
        #expect(reply.metadata["status"] == "ok")
        #expect(kernel.backend.executed.map(\.code) == ["print:hello;stderr:oops;result:42"])
    }

    @Test("the output of a request knows the request's msg_id, the parent of what it publishes")
    func parentMessageID() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let (header, _, iopub) = try client.request("execute_request", KernelTestClient.execute("msgid"))
        #expect(iopub[2].content == ["name": "stdout", "text": .string("msg_id:\(header.messageID)")])
    }

    @Test("display_data, update_display_data and clear_output carry bundles and the display id")
    func displays() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let iopub = try client.request("execute_request", KernelTestClient.execute("display")).iopub
        #expect(
            Message.types(iopub) == [
                "status:busy", "execute_input", "display_data", "update_display_data", "display_data",
                "clear_output", "status:idle",
            ])
        #expect(
            iopub[2].content == [
                "data": ["text/html": "<b>1</b>"], "metadata": ["isolated": true], "transient": ["display_id": "d1"],
            ])
        #expect(
            iopub[3].content == ["data": ["text/plain": "2"], "metadata": [:], "transient": ["display_id": "d1"]])
        #expect(iopub[4].content == ["data": ["text/plain": "no id"], "metadata": [:], "transient": [:]])
        #expect(iopub[5].content == ["wait": true])
    }

    @Test("the count grows for stored executions only; silent ones publish no input or result")
    func executionCount() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)

        let first = try client.request("execute_request", KernelTestClient.execute("result:a"))
        #expect(first.reply.content["execution_count"] == 1)

        let silent = try client.request("execute_request", KernelTestClient.execute("print:s;result:b", silent: true))
        #expect(silent.reply.content["execution_count"] == 1)
        #expect(Message.types(silent.iopub) == ["status:busy", "stream", "status:idle"])

        let unstored = try client.request("execute_request", KernelTestClient.execute("result:c", storeHistory: false))
        #expect(unstored.reply.content["execution_count"] == 1)
        #expect(unstored.iopub[1].content["execution_count"] == 1)
        #expect(unstored.iopub[2].content["execution_count"] == 1)

        let second = try client.request("execute_request", KernelTestClient.execute("result:d"))
        #expect(second.reply.content["execution_count"] == 2)
        #expect(second.iopub[1].content == ["code": "result:d", "execution_count": 2])
        #expect(second.iopub[2].content["execution_count"] == 2)

        let seen = kernel.backend.executed
        #expect(seen.map(\.executionCount) == [1, 1, 1, 2])
        #expect(seen.map(\.silent) == [false, true, false, false])
        #expect(seen.map(\.storeHistory) == [true, false, false, true])
    }

    @Test("a failure publishes error and replies status error with the same fields")
    func failure() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let (_, reply, iopub) = try client.request("execute_request", KernelTestClient.execute("print:before;fail"))
        #expect(Message.types(iopub) == ["status:busy", "execute_input", "stream", "error", "status:idle"])
        let error: JSONObject = ["ename": "ValueError", "evalue": "bad value", "traceback": ["line 1", "line 2"]]
        #expect(iopub[3].content == error)
        var expected = error
        expected["status"] = "error"
        expected["execution_count"] = 1
        expected["user_expressions"] = [:]
        expected["payload"] = []
        #expect(reply.content == expected)
        // A failed execution still took its count.
        #expect(try client.request("execute_request", KernelTestClient.execute("")).reply.content["execution_count"] == 2)
    }

    @Test("after a failure, execute requests already queued are aborted without running; others are answered")
    func abortQueue() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)

        let failing = try client.send("execute_request", KernelTestClient.execute("slowfail"))
        let queued = try client.send("execute_request", KernelTestClient.execute("print:never"))
        let info = try client.send("kernel_info_request")
        let queuedToo = try client.send("execute_request", KernelTestClient.execute("print:never either"))

        let replies = try (0..<4).map { _ in try client.reply() }
        #expect(replies.map { $0.parentHeader?.messageID } == [failing, queued, info, queuedToo].map(\.messageID))
        #expect(replies[0].content["status"] == "error")
        #expect(replies[1].header.messageType == "execute_reply")
        #expect(replies[1].content["status"] == "aborted")
        #expect(replies[2].content["status"] == "ok")
        #expect(replies[3].content["status"] == "aborted")
        #expect(Message.types(try client.iopubMessages(for: queued)) == ["status:busy", "status:idle"])
        #expect(kernel.backend.executed.map(\.code) == ["slowfail"])

        // The queue is not aborted for ever: the next request runs, with the next count. Like a
        // front end, wait for the failed request's idle first: requests sent before it may still
        // be drained as queued (on a loaded machine, the last abort's reply can reach the client
        // before the kernel has looked at its socket once more).
        _ = try client.iopubMessages(for: failing)
        let next = try client.request("execute_request", KernelTestClient.execute("result:ok"))
        #expect(next.reply.content["status"] == "ok")
        #expect(next.reply.content["execution_count"] == 2)
    }

    @Test("stop_on_error false, or a silent failure, leaves the queue alone")
    func noAbort() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        _ = try client.send("execute_request", KernelTestClient.execute("slowfail", stopOnError: false))
        _ = try client.send("execute_request", KernelTestClient.execute("print:runs"))
        _ = try client.send("execute_request", KernelTestClient.execute("slowfail", silent: true))
        _ = try client.send("execute_request", KernelTestClient.execute("print:runs too"))
        let statuses = try (0..<4).map { _ in try client.reply().content["status"] }
        #expect(statuses == ["error", "ok", "error", "ok"])
        #expect(kernel.backend.executed.map(\.code) == ["slowfail", "print:runs", "slowfail", "print:runs too"])
    }

    @Test("an aborted outcome replies status aborted")
    func abortedOutcome() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let (_, reply, iopub) = try client.request("execute_request", KernelTestClient.execute("abort"))
        #expect(reply.content == ["status": "aborted", "execution_count": 1])
        #expect(Message.types(iopub) == ["status:busy", "execute_input", "status:idle"])
    }

    @Test("user_expressions and allow_stdin reach the backend")
    func requestFields() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        var content = KernelTestClient.execute("result:x")
        content["user_expressions"] = ["a": "1 + 1", "b": 7]
        _ = try client.request("execute_request", content)
        let seen = try #require(kernel.backend.executed.first)
        #expect(seen.userExpressions == ["a": "1 + 1"])
        #expect(seen.allowStdin == false)
    }
}
