import Foundation
import JupyterWire
import KernelTestSupport
import Testing

@testable import JupyterKernel

/// Bad input never stops the kernel: it is logged and dropped.
@Suite("bad messages")
struct RobustnessTests {
    @Test("a message with a bad signature gets no reply and does not run; a good one still works")
    func badSignature() throws {
        let kernel = RunningKernel.inMemory(key: "the-right-key")
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let forger = KernelTestClient(transport: kernel.client, signer: MessageSigner(key: "a-wrong-key"))

        try forger.send("execute_request", KernelTestClient.execute("print:forged"))
        #expect(try forger.isSilent(.shell, for: .milliseconds(300)))
        try forger.send("shutdown_request", ["restart": false], on: .control)
        #expect(try forger.isSilent(.control, for: .milliseconds(100)))
        #expect(kernel.backend.executed.isEmpty)
        #expect(kernel.backend.shutdowns.isEmpty)
        #expect(kernel.recorder.contains("WARNING dropped a message on shell with a bad signature"))
        #expect(kernel.recorder.contains("WARNING dropped a message on control with a bad signature"))

        let reply = try client.request("execute_request", KernelTestClient.execute("print:genuine")).reply
        #expect(reply.content["status"] == "ok")
        #expect(kernel.backend.executed.map(\.code) == ["print:genuine"])
    }

    @Test("frames without a delimiter, too few frames, invalid JSON and a bad header are dropped")
    func malformedFrames() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let signer = kernel.connection.signer
        let header = JSONValue.object(client.header("kernel_info_request").jsonObject).serialized()
        func signed(_ parts: [Data]) -> [Data] {
            [WireMessage.delimiter, Data(signer.signature(for: parts).utf8)] + parts
        }

        try client.sendFrames([Data("hello".utf8)])
        try client.sendFrames([WireMessage.delimiter, Data("sig".utf8)])
        try client.sendFrames(signed([header, Data("{}".utf8), Data("{}".utf8), Data("{not json".utf8)]))
        try client.sendFrames(signed([Data(#"{"msg_type":"kernel_info_request"}"#.utf8), Data("{}".utf8), Data("{}".utf8), Data("{}".utf8)]))
        try client.sendFrames(signed([Data("[1]".utf8), Data("{}".utf8), Data("{}".utf8), Data("{}".utf8)]), on: .control)
        #expect(try client.isSilent(.shell, for: .milliseconds(200)))
        #expect(try client.isSilent(.control, for: .milliseconds(50)))

        #expect(try client.request("kernel_info_request").reply.content["status"] == "ok")
        #expect(try client.request("kernel_info_request", on: .control).reply.content["status"] == "ok")
        // Shell and control log from different threads: compare each channel's lines in order. The
        // in-memory transport adds no identity frame (a ZeroMQ ROUTER would: "among the 2 frames").
        let warnings = kernel.recorder.lines.filter { $0.hasPrefix("[swift-margin] WARNING dropped an invalid message") }
        #expect(
            warnings.filter { $0.contains(" on shell: ") } == [
                "[swift-margin] WARNING dropped an invalid message on shell: no <IDS|MSG> delimiter among the 1 frames of the message",
                "[swift-margin] WARNING dropped an invalid message on shell: too few frames after <IDS|MSG>: got 1, need 5 (signature, header, parent_header, metadata, content)",
                "[swift-margin] WARNING dropped an invalid message on shell: invalid JSON in the content frame",
                "[swift-margin] WARNING dropped an invalid message on shell: missing field \"msg_id\" in the header frame",
            ])
        #expect(
            warnings.filter { $0.contains(" on control: ") } == [
                "[swift-margin] WARNING dropped an invalid message on control: the header frame holds an array, not a JSON object"
            ])
    }

    @Test("an unknown msg_type is logged, gets busy and idle but no reply, and the kernel carries on")
    func unknownType() throws {
        let kernel = RunningKernel.inMemory()
        defer { kernel.stop() }
        let client = try KernelTestClient.connected(to: kernel)
        let unknown = try client.send("frobnicate_request", ["x": 1])
        #expect(Message.types(try client.iopubMessages(for: unknown)) == ["status:busy", "status:idle"])
        #expect(try client.isSilent(.shell, for: .milliseconds(100)))
        // Shell-only requests are not served on control.
        let misplaced = try client.send("execute_request", KernelTestClient.execute("print:x"), on: .control)
        #expect(Message.types(try client.iopubMessages(for: misplaced)) == ["status:busy", "status:idle"])
        #expect(kernel.backend.executed.isEmpty)
        // An execute_request without code is not run and not answered.
        let noCode = try client.send("execute_request", ["silent": false])
        _ = try client.iopubMessages(for: noCode)
        #expect(try client.isSilent(.shell, for: .milliseconds(100)))

        #expect(kernel.recorder.contains("WARNING unknown message type on shell: \"frobnicate_request\"; ignored"))
        #expect(kernel.recorder.contains("WARNING unknown message type on control: \"execute_request\"; ignored"))
        #expect(try client.request("execute_request", KernelTestClient.execute("result:1")).reply.content["status"] == "ok")
    }
}
