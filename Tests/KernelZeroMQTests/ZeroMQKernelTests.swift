import Foundation
import JupyterKernel
import JupyterWire
import KernelTestSupport
import KernelZeroMQ
import Testing

/// The kernel end to end over real ZeroMQ on loopback: a ``ZeroMQTransport`` bound from a
/// connection file, a client connected as jupyter_client connects.
@Suite("the kernel over ZeroMQ")
struct ZeroMQKernelTests {
    @Test("an execution's reply comes back to the requester on shell, its outputs on IOPub, signed")
    func execute() throws {
        let kernel = try RunningKernel.overZeroMQ()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let (header, reply, iopub) = try client.request(
            "execute_request", KernelTestClient.execute("print:hello;result:42"))
        #expect(reply.header.messageType == "execute_reply")
        #expect(reply.parentHeader == header)
        #expect(reply.content["status"] == "ok")
        #expect(
            Message.types(iopub) == ["status:busy", "execute_input", "stream", "execute_result", "status:idle"])
        let control = try client.request("kernel_info_request", on: .control).reply
        #expect(control.content["implementation"] == "fake-kernel")
    }

    @Test("the heartbeat echoes while an execution blocks the shell; an interrupt on control ends it")
    func heartbeatWhileBusy() throws {
        let kernel = try RunningKernel.overZeroMQ()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let heartbeat = try #require(kernel.client as? ZeroMQClient).heartbeat
        let execute = try client.send("execute_request", KernelTestClient.execute("sleep"))
        _ = try client.waitForIOPub("execute_input", parent: execute)
        #expect(kernel.backend.waitUntilSleeping())
        for ping in ["ping-1", "ping-2"] {
            try heartbeat.send([Data(ping.utf8)])
            #expect(try heartbeat.receive(timeout: .seconds(2)) == [Data(ping.utf8)])
        }
        #expect(try client.isSilent(.shell, for: .zero))  // still running
        try client.send("interrupt_request", on: .control)
        _ = try client.reply(on: .control)
        #expect(try client.reply().content["ename"] == "KeyboardInterrupt")
    }

    @Test("comm buffers travel as raw frames after the content, both ways, unchanged")
    func commBuffers() throws {
        let kernel = try RunningKernel.overZeroMQ()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let buffers = [Data([0, 0xFF, 0x0A]), Data(), Data(repeating: 0xAB, count: 70_000)]

        let open = try client.send("comm_open", ["comm_id": "z", "target_name": "fake.echo", "data": [:]], buffers: buffers)
        _ = try client.iopubMessages(for: open)
        #expect(kernel.backend.commOpens.first?.buffers == buffers)

        let message = try client.send("comm_msg", ["comm_id": "z", "data": ["x": 1]], buffers: buffers)
        let echo = try #require(try client.iopubMessages(for: message).first { $0.header.messageType == "comm_msg" })
        #expect(echo.content == ["comm_id": "z", "data": ["echo": ["x": 1]]])
        #expect(client.buffers(of: echo) == buffers)

        let execute = try client.request("execute_request", KernelTestClient.execute("comm:fake.echo")).iopub
        let kernelOpen = try #require(execute.first { $0.header.messageType == "comm_open" })
        #expect(client.buffers(of: kernelOpen) == [FakeBackend.kernelCommBuffer])
    }

    @Test("input_request reaches the requester's stdin socket through the ROUTER's identity routing")
    func stdin() throws {
        let kernel = try RunningKernel.overZeroMQ()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let execute = try client.send("execute_request", KernelTestClient.execute("input", allowStdin: true))
        let request = try client.reply(on: .stdin)
        #expect(request.header.messageType == "input_request")
        #expect(request.parentHeader == execute)
        try client.send("input_reply", ["value": "Ada"], on: .stdin, parent: request.header)
        #expect(try client.reply().content["status"] == "ok")
        #expect(try client.iopubMessages(for: execute).first { $0.header.messageType == "stream" }?.content["text"] == "got:Ada")
    }

    @Test("shutdown_request ends run() with its restart flag and closes the sockets")
    func shutdown() throws {
        let kernel = try RunningKernel.overZeroMQ()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        #expect(try client.request("shutdown_request", ["restart": true], on: .control).reply.content["restart"] == true)
        #expect(try #require(kernel.waitForExit()).get() == true)
        #expect(kernel.backend.shutdowns == [true])
        #expect(throws: ZeroMQError.self) { try kernel.server.transport.receive(on: .shell, timeout: .zero) }
    }

    @Test("a port already taken makes bind throw an error naming the channel and port")
    func bindFailure() throws {
        let context = try ZeroMQContext()
        let blocker = try context.socket(.router)
        try blocker.setLinger(milliseconds: 0)
        try blocker.bind("tcp://127.0.0.1:*")
        let endpoint = try blocker.lastEndpoint
        let port = try #require(Int(endpoint.split(separator: ":").last ?? ""))
        let free = PortPicker.pick(4)
        let connection = ConnectionFile(
            shellPort: free[0], iopubPort: free[1], stdinPort: free[2], controlPort: port, heartbeatPort: free[3],
            key: "k")
        #expect {
            _ = try ZeroMQTransport.bind(connection, log: LogRecorder().log)
        } throws: { error in
            guard case ZeroMQTransportError.bindFailed(let channel, let failed, let failedPort, _) = error else { return false }
            return channel == "control" && failed == "tcp://127.0.0.1:\(port)" && failedPort == port
                && "\(error)".hasPrefix("cannot bind the control socket to tcp://127.0.0.1:\(port) (port \(port)): ")
        }
    }
}
