import Foundation
import JupyterWire
import Testing

@testable import KernelZeroMQ

/// Loopback tests over real ZeroMQ sockets on 127.0.0.1: ports chosen by the system,
/// short timeouts, bounded loops.
@Suite("ZeroMQ sockets")
struct ZeroMQSocketTests {
    let signer = MessageSigner(key: "loopback-key")

    func bound(_ kind: ZeroMQSocket.Kind, in context: ZeroMQContext) throws -> (ZeroMQSocket, String) {
        let socket = try context.socket(kind)
        try socket.bind("tcp://127.0.0.1:*")
        return (socket, try socket.lastEndpoint)
    }

    @Test("binding to port * reports the actual loopback port")
    func lastEndpoint() throws {
        let context = try ZeroMQContext()
        let (_, endpoint) = try bound(.router, in: context)
        #expect(endpoint.hasPrefix("tcp://127.0.0.1:"))
        let port = try #require(Int(endpoint.dropFirst("tcp://127.0.0.1:".count)))
        #expect(port > 0)
    }

    @Test("a DEALER's signed request reaches a ROUTER with its identity, and the reply comes back")
    func dealerRouter() throws {
        let context = try ZeroMQContext()
        let (router, endpoint) = try bound(.router, in: context)
        let dealer = try context.socket(.dealer)
        try dealer.setRoutingID(Data("client-1".utf8))
        try dealer.connect(endpoint)

        let request = Message(
            header: MessageHeader(session: "client-session", username: "alice", messageType: "kernel_info_request"))
        try dealer.send(WireMessage(message: request).encode(signer: signer))

        let frames = try #require(try router.receive(timeout: .seconds(5)))
        let received = try WireMessage.decode(frames: frames, signer: signer)
        #expect(received.identities == [Data("client-1".utf8)])
        #expect(received.message == request)

        let reply = Message(
            header: MessageHeader(session: "kernel-session", messageType: "kernel_info_reply"),
            parentHeader: received.message.header, content: ["status": "ok", "protocol_version": "5.3"])
        try router.send(WireMessage(identities: received.identities, message: reply).encode(signer: signer))

        let replyFrames = try #require(try dealer.receive(timeout: .seconds(5)))
        let answer = try WireMessage.decode(frames: replyFrames, signer: signer)
        #expect(answer.identities.isEmpty)
        #expect(answer.message == reply)
        #expect(answer.message.parentHeader?.messageID == request.header.messageID)
    }

    @Test("a SUB receives what a PUB publishes, topic frame first")
    func pubSub() throws {
        let context = try ZeroMQContext()
        let (publisher, endpoint) = try bound(.pub, in: context)
        let subscriber = try context.socket(.sub)
        try subscriber.subscribe()
        try subscriber.connect(endpoint)

        let status = Message(
            header: MessageHeader(session: "kernel-session", messageType: "status"), content: ["execution_state": "idle"])
        let frames = WireMessage(identities: [Data("kernel.status".utf8)], message: status).encode(signer: signer)
        // A subscription takes a moment to reach the publisher ("slow joiner"): publish until one arrives.
        var received: [Data]?
        for _ in 0..<50 where received == nil {
            try publisher.send(frames)
            received = try subscriber.receive(timeout: .milliseconds(100))
        }
        let message = try WireMessage.decode(frames: try #require(received), signer: signer)
        #expect(message.identities == [Data("kernel.status".utf8)])
        #expect(message.message == status)
    }

    @Test("receive with a timeout returns nil when nothing arrives")
    func timeout() throws {
        let context = try ZeroMQContext()
        let (router, _) = try bound(.router, in: context)
        let start = ContinuousClock.now
        #expect(try router.receive(timeout: .milliseconds(50)) == nil)
        #expect(ContinuousClock.now - start >= .milliseconds(40))
    }

    @Test("REQ and REP exchange a heartbeat echo")
    func requestReply() throws {
        let context = try ZeroMQContext()
        let (rep, endpoint) = try bound(.rep, in: context)
        let req = try context.socket(.req)
        try req.connect(endpoint)
        try req.send([Data("ping".utf8)])
        let ping = try #require(try rep.receive(timeout: .seconds(5)))
        try rep.send(ping)
        #expect(try req.receive(timeout: .seconds(5)) == [Data("ping".utf8)])
    }

    @Test("empty frames and binary frames travel unchanged")
    func binaryFrames() throws {
        let context = try ZeroMQContext()
        let (router, endpoint) = try bound(.router, in: context)
        let dealer = try context.socket(.dealer)
        try dealer.connect(endpoint)
        let sent = [Data(), Data([0, 1, 0xFF]), Data(repeating: 7, count: 100_000)]
        try dealer.send(sent)
        let received = try #require(try router.receive(timeout: .seconds(5)))
        #expect(Array(received.dropFirst()) == sent)
    }

    @Test("errors carry the operation and zmq_strerror's text")
    func errors() throws {
        let context = try ZeroMQContext()
        let socket = try context.socket(.router)
        // Expected text: python3 os.strerror(errno.EPROTONOSUPPORT), the errno zmq_bind reports for an unknown transport.
        let error = ZeroMQError(operation: #"zmq_bind to "bogus://x""#, code: EPROTONOSUPPORT, message: "Protocol not supported")
        #expect(throws: error) { try socket.bind("bogus://x") }
        #expect(error.description == #"zmq_bind to "bogus://x" failed: Protocol not supported"#)
    }

    @Test("a closed socket refuses to be used, and closing twice is harmless")
    func closed() throws {
        let context = try ZeroMQContext()
        let socket = try context.socket(.dealer)
        try socket.setLinger(milliseconds: 0)
        socket.close()
        socket.close()
        #expect(throws: ZeroMQError.self) { try socket.send([Data("x".utf8)]) }
    }
}
