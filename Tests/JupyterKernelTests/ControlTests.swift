import Foundation
import JupyterWire
import KernelTestSupport
import Testing

@testable import JupyterKernel

/// Interrupt, shutdown and stopping: what must work while a cell runs.
@Suite("control and stopping")
struct ControlTests {
    @Test("interrupt_request during a blocking execution is answered at once and reaches the backend")
    func interrupt() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let execute = try client.send("execute_request", KernelTestClient.execute("sleep"))
        _ = try client.waitForIOPub("execute_input", parent: execute)
        #expect(kernel.backend.waitUntilSleeping())

        let (interrupt, reply, iopub) = try client.request("interrupt_request", on: .control)
        #expect(reply.header.messageType == "interrupt_reply")
        #expect(reply.parentHeader == interrupt)
        #expect(reply.content == ["status": "ok"])
        #expect(Message.types(iopub) == ["status:busy", "status:idle"])
        #expect(kernel.backend.interrupts == 1)

        let executeReply = try client.reply()
        #expect(executeReply.parentHeader == execute)
        #expect(executeReply.content["ename"] == "KeyboardInterrupt")
        #expect(Message.types(try client.iopubMessages(for: execute)) == ["status:busy", "execute_input", "error", "status:idle"])
    }

    @Test("shutdown_request: reply on control and IOPub, backend told once, run() returns the restart flag")
    func shutdown() throws {
        for restart in [true, false] {
            let kernel = RunningKernel.inMemory()
            defer { kernel.stop() }
            let client = try KernelTestClient.connected(to: kernel)
            let header = try client.send("shutdown_request", ["restart": .bool(restart)], on: .control)
            let reply = try client.reply(on: .control)
            #expect(reply.header.messageType == "shutdown_reply")
            #expect(reply.parentHeader == header)
            #expect(reply.content == ["status": "ok", "restart": .bool(restart)])
            let iopub = try client.iopubMessages(for: header)
            #expect(Message.types(iopub) == ["status:busy", "shutdown_reply", "status:idle"])
            #expect(iopub[1].content == ["status": "ok", "restart": .bool(restart)])

            let result = try #require(kernel.waitForExit())
            #expect(try result.get() == restart)
            #expect(kernel.backend.shutdowns == [restart])
        }
    }

    @Test("shutdown_request on shell works too")
    func shutdownOnShell() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let reply = try client.request("shutdown_request", ["restart": true]).reply
        #expect(reply.content == ["status": "ok", "restart": true])
        #expect(try #require(kernel.waitForExit()).get() == true)
        #expect(kernel.backend.shutdowns == [true])
    }

    @Test("stop() during a blocking execution shuts the backend down once and run() returns false")
    func stopWhileBusy() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let execute = try client.send("execute_request", KernelTestClient.execute("sleep"))
        _ = try client.waitForIOPub("execute_input", parent: execute)
        #expect(kernel.backend.waitUntilSleeping())
        let start = ContinuousClock.now
        kernel.server.stop()
        kernel.server.stop()
        let result = try #require(kernel.waitForExit(timeout: 3))
        #expect(try result.get() == false)
        #expect(ContinuousClock.now - start < .seconds(2))
        #expect(kernel.backend.shutdowns == [false])
        #expect(kernel.recorder.contains("INFO kernel \(kernel.server.sessionID) stopped (restart: false)"))
    }

    @Test("debug_request gets an unsuccessful debug_reply; the kernel says it has no debugger")
    func debugRequest() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let reply = try client.request(
            "debug_request", ["type": "request", "seq": 3, "command": "initialize", "arguments": [:]], on: .control
        ).reply
        #expect(reply.header.messageType == "debug_reply")
        #expect(reply.content["success"] == false)
        #expect(reply.content["request_seq"] == 3)
        #expect(reply.content["command"] == "initialize")
        #expect(try client.request("kernel_info_request").reply.content["debugger"] == false)
    }

    @Test("with signal handlers installed, SIGINT interrupts and SIGTERM stops")
    func signals() throws {
        let kernel = RunningKernel.inMemory { $0.installSignalHandlers() }
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let execute = try client.send("execute_request", KernelTestClient.execute("sleep"))
        _ = try client.waitForIOPub("execute_input", parent: execute)
        #expect(kernel.backend.waitUntilSleeping())

        kill(getpid(), SIGINT)  // process-directed: test threads (libdispatch workers) block signals
        let reply = try client.reply()
        #expect(reply.content["ename"] == "KeyboardInterrupt")
        #expect(kernel.backend.interrupts == 1)

        kill(getpid(), SIGTERM)
        let result = try #require(kernel.waitForExit(timeout: 3))
        #expect(try result.get() == false)
        #expect(kernel.backend.shutdowns == [false])
        #expect(kernel.recorder.contains("INFO SIGTERM: stopping"))
    }
}
