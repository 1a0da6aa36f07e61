import Foundation
import JupyterKernel
import Testing

/// The in-memory transport's queues: order, timeouts, waking a waiting receive, closing.
@Suite("InMemoryTransport")
struct InMemoryTransportTests {
    @Test("what one end sends, the other receives on the same channel, in order and unchanged")
    func order() throws {
        let (kernel, client) = InMemoryTransport.pair()
        try client.send([Data("a".utf8), Data()], on: .shell)
        try client.send([Data("b".utf8)], on: .shell)
        try kernel.send([Data("status".utf8)], on: .iopub)
        #expect(try kernel.receive(on: .control, timeout: .zero) == nil)
        #expect(try kernel.receive(on: .shell, timeout: .zero) == [Data("a".utf8), Data()])
        #expect(try kernel.receive(on: .shell, timeout: .zero) == [Data("b".utf8)])
        #expect(try client.receive(on: .iopub, timeout: .zero) == [Data("status".utf8)])
        #expect(try client.receive(on: .shell, timeout: .zero) == nil)
    }

    @Test("a receive waits up to its timeout, and wakes when the other end sends")
    func waiting() throws {
        let (kernel, client) = InMemoryTransport.pair()
        let start = ContinuousClock.now
        #expect(try kernel.receive(on: .stdin, timeout: .milliseconds(100)) == nil)
        #expect(ContinuousClock.now - start >= .milliseconds(100))

        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.05)
            try? client.send([Data("late".utf8)], on: .stdin)
        }
        #expect(try kernel.receive(on: .stdin, timeout: .seconds(5)) == [Data("late".utf8)])
    }

    @Test("a closed end throws; the other end still takes what was sent before the close")
    func closing() throws {
        let (kernel, client) = InMemoryTransport.pair()
        try kernel.send([Data("idle".utf8)], on: .iopub)
        kernel.close()
        #expect(throws: InMemoryTransportError.closed(.shell)) { try kernel.receive(on: .shell, timeout: .zero) }
        #expect(throws: InMemoryTransportError.closed(.iopub)) { try kernel.send([Data()], on: .iopub) }
        #expect(try client.receive(on: .iopub, timeout: .zero) == [Data("idle".utf8)])
        try client.send([Data("dropped".utf8)], on: .shell)
        #expect("\(InMemoryTransportError.closed(.shell))" == "the in-memory transport's shell channel is closed")
    }
}
