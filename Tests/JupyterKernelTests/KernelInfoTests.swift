import Foundation
import JupyterWire
import KernelTestSupport
import Testing

@testable import JupyterKernel

/// kernel_info, connect and comm requests.
@Suite("kernel_info and other simple requests")
struct KernelInfoTests {
    @Test("kernel_info_reply carries the backend's facts, between busy and idle, to the requester")
    func kernelInfo() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)

        let (header, reply, iopub) = try client.request("kernel_info_request")
        #expect(reply.header.messageType == "kernel_info_reply")
        #expect(reply.header.session == kernel.server.sessionID)
        #expect(reply.header.username == "kernel")
        #expect(reply.parentHeader == header)
        let content = reply.content
        #expect(content["status"] == "ok")
        #expect(content["protocol_version"] == "5.3")
        #expect(content["implementation"] == "fake-kernel")
        #expect(content["implementation_version"] == "9.8.7")
        #expect(content["banner"] == "Fake kernel 9.8.7")
        #expect(
            content["language_info"]
                == [
                    "name": "fakelang", "version": "1.2", "mimetype": "text/x-fake", "file_extension": ".fake",
                    "pygments_lexer": "fakelex", "codemirror_mode": "fakemode",
                ])
        #expect(content["help_links"] == [["text": "Fake docs", "url": "https://example.org/fake"]])
        #expect(Message.types(iopub) == ["status:busy", "status:idle"])
        #expect(iopub.allSatisfy { $0.header.session == kernel.server.sessionID })
    }

    @Test("kernel_info_request is answered on control too, with busy and idle")
    func kernelInfoOnControl() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let (header, reply, iopub) = try client.request("kernel_info_request", on: .control)
        #expect(reply.header.messageType == "kernel_info_reply")
        #expect(reply.parentHeader?.messageID == header.messageID)
        #expect(reply.content["implementation"] == "fake-kernel")
        #expect(Message.types(iopub) == ["status:busy", "status:idle"])
    }

    @Test("with no comm open, comm_info_reply lists none; comm_open to an unknown target is closed; comm_msg and comm_close are ignored")
    func comms() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)

        let (_, info, _) = try client.request("comm_info_request", ["target_name": "jupyter.widget"])
        #expect(info.header.messageType == "comm_info_reply")
        #expect(info.content == ["status": "ok", "comms": [:]])

        let open = try client.send("comm_open", ["comm_id": "c-1", "target_name": "jupyter.widget", "data": [:]])
        let openIOPub = try client.iopubMessages(for: open)
        #expect(Message.types(openIOPub) == ["status:busy", "comm_close", "status:idle"])
        #expect(openIOPub[1].content == ["comm_id": "c-1", "data": [:]])

        let message = try client.send("comm_msg", ["comm_id": "c-1", "data": ["x": 1]])
        #expect(Message.types(try client.iopubMessages(for: message)) == ["status:busy", "status:idle"])
        let close = try client.send("comm_close", ["comm_id": "c-1", "data": [:]])
        #expect(Message.types(try client.iopubMessages(for: close)) == ["status:busy", "status:idle"])
        // None of the three is a request: no reply on shell.
        #expect(try client.isSilent(.shell, for: .milliseconds(100)))
        #expect(try client.request("kernel_info_request").reply.content["status"] == "ok")
    }

    @Test("connect_reply gives the connection file's ports")
    func connect() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let reply = try client.request("connect_request").reply
        let connection = kernel.connection
        #expect(reply.header.messageType == "connect_reply")
        #expect(reply.content["shell_port"] == .int(connection.shellPort))
        #expect(reply.content["iopub_port"] == .int(connection.iopubPort))
        #expect(reply.content["stdin_port"] == .int(connection.stdinPort))
        #expect(reply.content["control_port"] == .int(connection.controlPort))
        #expect(reply.content["hb_port"] == .int(connection.heartbeatPort))
    }

    @Test("with an empty key messages go unsigned and are accepted")
    func emptyKey() throws {
        let kernel = RunningKernel.inMemory(key: "")
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let header = try client.send("execute_request", KernelTestClient.execute("print:hi"))
        let frames = try client.frames()
        let delimiter = try #require(frames.firstIndex(of: WireMessage.delimiter))
        #expect(frames[delimiter + 1] == Data())  // the signature frame is empty
        let reply = try WireMessage.decode(frames: frames, signer: .unsigned).message
        #expect(reply.content["status"] == "ok")
        #expect(reply.parentHeader?.messageID == header.messageID)
        #expect(kernel.recorder.contains("WARNING the connection file's key is empty"))
    }

    @Test("run() can be called only once")
    func runTwice() throws {
        let kernel = RunningKernel.inMemory()
        kernel.stop()
        #expect(try #require(kernel.waitForExit()).get() == false)
        #expect(throws: KernelServerError.alreadyRun) { _ = try kernel.server.run() }
    }
}
