import Foundation
import JupyterWire
import KernelTestSupport
import Testing

@testable import JupyterKernel

/// input_request / input_reply on the stdin channel.
@Suite("stdin")
struct StdinTests {
    @Test("input_request goes to the requester's stdin with the execute request as parent; the reply's value comes back")
    func roundTrip() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        for (command, password) in [("input", false), ("password", true)] {
            let execute = try client.send("execute_request", KernelTestClient.execute(command, allowStdin: true))
            let request = try client.reply(on: .stdin)
            #expect(request.header.messageType == "input_request")
            #expect(request.parentHeader == execute)
            #expect(request.content == ["prompt": "name? ", "password": .bool(password)])

            try client.send("input_reply", ["value": "Ada"], on: .stdin, parent: request.header)
            #expect(try client.reply().content["status"] == "ok")
            let iopub = try client.iopubMessages(for: execute)
            #expect(iopub.first { $0.header.messageType == "stream" }?.content["text"] == "got:Ada")
        }
    }

    @Test("without allow_stdin no input_request is sent and the backend gets nil")
    func notAllowed() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let (execute, reply, iopub) = try client.request(
            "execute_request", KernelTestClient.execute("input", allowStdin: false))
        #expect(reply.content["status"] == "ok")
        #expect(iopub.first { $0.header.messageType == "stream" }?.content["text"] == "got:nil")
        #expect(execute.messageType == "execute_request")
        #expect(try client.isSilent(.stdin, for: .milliseconds(100)))
    }

    @Test("an interrupt ends the wait for input with nil; a stale reply does not answer the next request")
    func interruptedInput() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let execute = try client.send("execute_request", KernelTestClient.execute("input", allowStdin: true))
        let abandoned = try client.reply(on: .stdin)
        #expect(abandoned.header.messageType == "input_request")
        #expect(try client.request("interrupt_request", on: .control).reply.content["status"] == "ok")
        #expect(try client.reply().parentHeader == execute)
        #expect(try client.iopubMessages(for: execute).first { $0.header.messageType == "stream" }?.content["text"] == "got:nil")

        // The answer to the abandoned request arrives late, and is not taken for the next one.
        let next = try client.send("execute_request", KernelTestClient.execute("input", allowStdin: true))
        let request = try client.reply(on: .stdin)
        try client.send("input_reply", ["value": "stale"], on: .stdin, parent: abandoned.header)
        try client.send("input_reply", ["value": "fresh"], on: .stdin, parent: request.header)
        #expect(try client.reply().parentHeader == next)
        #expect(try client.iopubMessages(for: next).first { $0.header.messageType == "stream" }?.content["text"] == "got:fresh")
    }
}
