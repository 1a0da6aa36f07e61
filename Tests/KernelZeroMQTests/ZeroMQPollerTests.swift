import Foundation
import JupyterWire
import Testing

@testable import KernelZeroMQ

/// Loopback tests of polling over real ZeroMQ sockets on 127.0.0.1.
@Suite("ZeroMQPoller")
struct ZeroMQPollerTests {
    func bound(_ kind: ZeroMQSocket.Kind, in context: ZeroMQContext) throws -> (ZeroMQSocket, String) {
        let socket = try context.socket(kind)
        try socket.bind("tcp://127.0.0.1:*")
        return (socket, try socket.lastEndpoint)
    }

    @Test("the poller reports only the socket with a message waiting")
    func poller() throws {
        let context = try ZeroMQContext()
        let (shell, _) = try bound(.router, in: context)
        let (control, controlEndpoint) = try bound(.router, in: context)
        let poller = ZeroMQPoller([shell, control])
        #expect(try poller.poll(timeout: .milliseconds(20)).isEmpty)

        let dealer = try context.socket(.dealer)
        try dealer.connect(controlEndpoint)
        try dealer.send([Data("interrupt".utf8)])
        let ready = try poller.poll(timeout: .seconds(5))
        #expect(ready.count == 1)
        #expect(ready.first === control)
        #expect(try control.receive().last == Data("interrupt".utf8))
    }

    @Test("polling a closed socket throws")
    func closedSocket() throws {
        let context = try ZeroMQContext()
        let socket = try context.socket(.dealer)
        socket.close()
        #expect(throws: ZeroMQError.self) { try ZeroMQPoller([socket]).poll(timeout: .zero) }
    }
}
