import Foundation
import JupyterWire
import KernelTestSupport
import Testing

@testable import JupyterKernel

/// Comms: comm_open, comm_msg and comm_close both ways, the kernel's table of open comms
/// (comm_info_request), binary buffers.
@Suite("comms")
struct CommTests {
    static let bytes = Data([0xFF, 0x00, 0x7F, 0x80])
    static let moreBytes = Data((0..<300).map { UInt8($0 % 256) })

    @Test("a comm_open to a known target reaches the backend with its buffers, is kept open and listed")
    func openKnownTarget() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)

        let open = try client.send(
            "comm_open",
            ["comm_id": "c-1", "target_name": "fake.echo", "data": ["state": ["value": 5]], "target_module": "mod"],
            metadata: ["version": "2.1.0"], buffers: [Self.bytes])
        #expect(Message.types(try client.iopubMessages(for: open)) == ["status:busy", "status:idle"])
        #expect(
            kernel.backend.commOpens == [
                CommOpen(
                    commID: "c-1", targetName: "fake.echo", targetModule: "mod", data: ["state": ["value": 5]],
                    metadata: ["version": "2.1.0"], buffers: [Self.bytes])
            ])
        // No reply: comm messages are not requests.
        #expect(try client.isSilent(.shell, for: .milliseconds(100)))

        let info = try client.request("comm_info_request").reply
        #expect(info.content == ["status": "ok", "comms": ["c-1": ["target_name": "fake.echo"]]])
        let onControl = try client.request("comm_info_request", on: .control).reply
        #expect(onControl.content == info.content)
    }

    @Test("a comm_open to an unknown target is answered by comm_close and logged; it is not listed")
    func unknownTarget() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)

        let open = try client.send("comm_open", ["comm_id": "c-2", "target_name": "jupyter.widget", "data": [:]])
        let iopub = try client.iopubMessages(for: open)
        #expect(Message.types(iopub) == ["status:busy", "comm_close", "status:idle"])
        #expect(iopub[1].content == ["comm_id": "c-2", "data": [:]])
        #expect(kernel.backend.commOpens.map(\.targetName) == ["jupyter.widget"])
        #expect(kernel.recorder.contains("no such comm target"))
        #expect(try client.request("comm_info_request").reply.content == ["status": "ok", "comms": [:]])
    }

    @Test("comm_info_request lists only the comms of target_name when it is given")
    func infoFilteredByTarget() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        for (id, target) in [("a", "fake.echo"), ("b", "fake.other"), ("c", "fake.echo")] {
            let open = try client.send("comm_open", ["comm_id": .string(id), "target_name": .string(target), "data": [:]])
            _ = try client.iopubMessages(for: open)
        }
        let all = try client.request("comm_info_request").reply.content["comms"]
        #expect(
            all == [
                "a": ["target_name": "fake.echo"], "b": ["target_name": "fake.other"], "c": ["target_name": "fake.echo"],
            ])
        let echo = try client.request("comm_info_request", ["target_name": "fake.echo"]).reply.content["comms"]
        #expect(echo == ["a": ["target_name": "fake.echo"], "c": ["target_name": "fake.echo"]])
        let none = try client.request("comm_info_request", ["target_name": "nothing"]).reply.content["comms"]
        #expect(none == [:])
    }

    @Test("a comm_msg: busy, the backend's comm_msg with the buffers, its stream, idle, all parented to it")
    func messageOutputs() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        _ = try client.iopubMessages(
            for: try client.send("comm_open", ["comm_id": "c-3", "target_name": "fake.echo", "data": [:]]))

        let message = try client.send(
            "comm_msg", ["comm_id": "c-3", "data": ["method": "update", "state": ["x": 1]]],
            metadata: ["m": true], buffers: [Self.bytes, Self.moreBytes])
        let iopub = try client.iopubMessages(for: message)
        #expect(Message.types(iopub) == ["status:busy", "comm_msg", "stream", "status:idle"])
        #expect(iopub.allSatisfy { $0.parentHeader == message })
        #expect(iopub[1].content == ["comm_id": "c-3", "data": ["echo": ["method": "update", "state": ["x": 1]]]])
        #expect(client.buffers(of: iopub[1]) == [Self.bytes, Self.moreBytes])
        #expect(iopub[2].content == ["name": "stdout", "text": "got comm_msg"])
        #expect(
            kernel.backend.commMessages == [
                CommMessage(
                    commID: "c-3", data: ["method": "update", "state": ["x": 1]], metadata: ["m": true],
                    buffers: [Self.bytes, Self.moreBytes])
            ])
        #expect(try client.isSilent(.shell, for: .milliseconds(100)))
    }

    @Test("comm_msg and comm_close for a comm that is not open are logged and never reach the backend")
    func unknownComm() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let message = try client.send("comm_msg", ["comm_id": "nobody", "data": ["x": 1]])
        #expect(Message.types(try client.iopubMessages(for: message)) == ["status:busy", "status:idle"])
        let close = try client.send("comm_close", ["comm_id": "nobody", "data": [:]])
        #expect(Message.types(try client.iopubMessages(for: close)) == ["status:busy", "status:idle"])
        #expect(kernel.backend.commMessages.isEmpty)
        #expect(kernel.backend.commCloses.isEmpty)
        #expect(kernel.recorder.contains("comm_msg for comm nobody, which is not open; ignored"))
    }

    @Test("comm_close from the frontend tells the backend and removes the comm; later messages are dropped")
    func frontendClose() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        _ = try client.iopubMessages(
            for: try client.send("comm_open", ["comm_id": "c-4", "target_name": "fake.echo", "data": [:]]))

        let close = try client.send("comm_close", ["comm_id": "c-4", "data": ["bye": true]], buffers: [Self.bytes])
        #expect(Message.types(try client.iopubMessages(for: close)) == ["status:busy", "status:idle"])
        #expect(kernel.backend.commCloses == [CommMessage(commID: "c-4", data: ["bye": true], buffers: [Self.bytes])])
        #expect(try client.request("comm_info_request").reply.content["comms"] == [:])

        _ = try client.iopubMessages(for: try client.send("comm_msg", ["comm_id": "c-4", "data": [:]]))
        #expect(kernel.backend.commMessages.isEmpty)
    }

    @Test("an execute opens a comm: comm_open with its buffer before the display naming it, listed, then closed")
    func kernelOpensComm() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)

        let (header, _, iopub) = try client.request("execute_request", KernelTestClient.execute("comm:fake.echo"))
        #expect(Message.types(iopub) == ["status:busy", "execute_input", "comm_open", "display_data", "status:idle"])
        #expect(iopub.allSatisfy { $0.parentHeader == header })
        let open = iopub[2]
        #expect(
            open.content == [
                "comm_id": "kernel-comm-1", "target_name": "fake.echo", "data": .object(FakeBackend.kernelCommOpenData),
            ])
        #expect(open.metadata == ["version": "2.1.0"])
        #expect(client.buffers(of: open) == [FakeBackend.kernelCommBuffer])
        let view = iopub[3].content["data"]?["application/vnd.jupyter.widget-view+json"]
        #expect(view?["model_id"] == "kernel-comm-1")
        #expect(
            try client.request("comm_info_request").reply.content["comms"] == [
                "kernel-comm-1": ["target_name": "fake.echo"]
            ])

        // The frontend can talk on it, and the kernel send on it, until the kernel closes it.
        let message = try client.send("comm_msg", ["comm_id": "kernel-comm-1", "data": ["v": 2]])
        #expect(Message.types(try client.iopubMessages(for: message)) == ["status:busy", "comm_msg", "stream", "status:idle"])
        let sent = try client.request("execute_request", KernelTestClient.execute("commsend:kernel-comm-1:hi")).iopub
        #expect(Message.types(sent) == ["status:busy", "execute_input", "comm_msg", "stream", "status:idle"])
        #expect(sent[2].content == ["comm_id": "kernel-comm-1", "data": ["text": "hi"]])
        #expect(sent[3].content["text"] == "sent:true")

        let closed = try client.request("execute_request", KernelTestClient.execute("commclose:kernel-comm-1")).iopub
        #expect(Message.types(closed) == ["status:busy", "execute_input", "comm_close", "stream", "status:idle"])
        #expect(closed[2].content == ["comm_id": "kernel-comm-1", "data": [:]])
        #expect(try client.request("comm_info_request").reply.content["comms"] == [:])

        // Closed: nothing more goes out on it, and the backend is told so.
        let after = try client.request("execute_request", KernelTestClient.execute("commsend:kernel-comm-1:late")).iopub
        #expect(Message.types(after) == ["status:busy", "execute_input", "stream", "status:idle"])
        #expect(after[2].content["text"] == "sent:false")
    }

    @Test("a backend may answer a comm_open with output, and refuse a comm after closing it itself: one comm_close")
    func scriptedOpen() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        kernel.backend.onCommOpen { open, output in
            if open.targetName == "greet" {
                output.sendCommMessage(CommMessage(commID: open.commID, data: ["hello": true], buffers: open.buffers))
                return true
            }
            output.closeComm(CommMessage(commID: open.commID, data: ["reason": "refused"]))
            return false
        }
        let client = try KernelTestClient.connected(to: kernel)

        let greet = try client.send("comm_open", ["comm_id": "g", "target_name": "greet", "data": [:]], buffers: [Self.bytes])
        let greeted = try client.iopubMessages(for: greet)
        #expect(Message.types(greeted) == ["status:busy", "comm_msg", "status:idle"])
        #expect(greeted[1].content == ["comm_id": "g", "data": ["hello": true]])
        #expect(client.buffers(of: greeted[1]) == [Self.bytes])

        let refuse = try client.send("comm_open", ["comm_id": "r", "target_name": "other", "data": [:]])
        let refused = try client.iopubMessages(for: refuse)
        #expect(Message.types(refused) == ["status:busy", "comm_close", "status:idle"])
        #expect(refused[1].content == ["comm_id": "r", "data": ["reason": "refused"]])
        #expect(try client.request("comm_info_request").reply.content["comms"] == ["g": ["target_name": "greet"]])
    }
}
