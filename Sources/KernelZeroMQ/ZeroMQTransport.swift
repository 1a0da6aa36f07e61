import Foundation
import JupyterKernel
import JupyterWire

/// The kernel's ``KernelTransport`` over ZeroMQ, as jupyter_client connects to it: shell,
/// control and stdin ROUTER sockets, an iopub PUB socket and a heartbeat REP socket, bound to
/// the connection file's endpoints. The heartbeat is echoed here, on a thread of its own, from
/// ``bind(_:log:)`` until ``close()``.
///
/// ```swift
/// let transport = try ZeroMQTransport.bind(connection, log: log)
/// let server = KernelServer(connection: connection, transport: transport, backend: backend, log: log)
/// let restart = try server.run()          // closes the transport when it returns
/// ```
///
/// A ROUTER prefixes each message it receives with the sender's identity frame and sends each
/// message to the identity in its first frame, so replies (which carry the request's
/// identities) reach the client that asked. Each socket is used by one thread at a time, as
/// ``KernelTransport`` promises.
public final class ZeroMQTransport: KernelTransport, @unchecked Sendable {
    /// How long closing keeps trying to deliver unsent messages (e.g. the last `idle`).
    static let lingerMilliseconds = 200

    private let sockets: [KernelChannel: ZeroMQSocket]
    private let heartbeatSocket: ZeroMQSocket
    private let lock = NSLock()
    private var closed = false
    private var heartbeat: KernelThread?

    private init(sockets: [KernelChannel: ZeroMQSocket], heartbeatSocket: ZeroMQSocket) {
        self.sockets = sockets
        self.heartbeatSocket = heartbeatSocket
    }

    /// Creates and binds the five sockets to `connection`'s endpoints and starts the heartbeat
    /// echo; `log` gets the endpoints (info) and heartbeat errors.
    /// - Throws: ``ZeroMQTransportError/bindFailed(channel:endpoint:port:reason:)`` naming the
    ///   port that could not be bound (the sockets already bound are closed).
    public static func bind(_ connection: ConnectionFile, log: KernelLog) throws(ZeroMQTransportError) -> ZeroMQTransport {
        let context: ZeroMQContext
        do {
            context = try ZeroMQContext()
        } catch {
            throw .socketSetupFailed(reason: error.description)
        }
        var opened: [ZeroMQSocket] = []
        func open(_ kind: ZeroMQSocket.Kind, _ channel: ConnectionFile.Channel) throws(ZeroMQTransportError) -> ZeroMQSocket {
            let socket: ZeroMQSocket
            do {
                socket = try context.socket(kind)
                try socket.setLinger(milliseconds: lingerMilliseconds)
            } catch {
                throw .socketSetupFailed(reason: error.description)
            }
            opened.append(socket)
            let endpoint = connection.endpoint(for: channel)
            do {
                try socket.bind(endpoint)
            } catch {
                throw .bindFailed(
                    channel: channel.rawValue, endpoint: endpoint, port: connection.port(for: channel),
                    reason: error.message)
            }
            return socket
        }
        let transport: ZeroMQTransport
        do throws(ZeroMQTransportError) {
            let sockets: [KernelChannel: ZeroMQSocket] = [
                .shell: try open(.router, .shell), .control: try open(.router, .control),
                .stdin: try open(.router, .stdin), .iopub: try open(.pub, .iopub),
            ]
            transport = ZeroMQTransport(sockets: sockets, heartbeatSocket: try open(.rep, .heartbeat))
        } catch {
            for socket in opened {
                try? socket.setLinger(milliseconds: 0)
                socket.close()
            }
            throw error
        }
        let endpoints = ConnectionFile.Channel.allCases.map { "\($0.rawValue) \(connection.endpoint(for: $0))" }
        log(.info, "listening: \(endpoints.joined(separator: ", "))")
        transport.heartbeat = Heartbeat(socket: transport.heartbeatSocket, log: log) { [weak transport] in
            transport?.isOpen ?? false
        }.start()
        return transport
    }

    /// Whether ``close()`` has not been called yet.
    private var isOpen: Bool { lock.withLock { !closed } }

    /// The next message on `channel`'s socket (with the sender's identity first on a ROUTER).
    public func receive(on channel: KernelChannel, timeout: Duration) throws -> [Data]? {
        try socket(channel).receive(timeout: timeout)
    }

    /// Sends `frames` on `channel`'s socket (a ROUTER routes by the first frame).
    public func send(_ frames: [Data], on channel: KernelChannel) throws {
        try socket(channel).send(frames)
    }

    /// Stops the heartbeat, then closes every socket (each lingers 200 ms on unsent messages).
    public func close() {
        let heartbeat = lock.withLock {
            closed = true
            defer { self.heartbeat = nil }
            return self.heartbeat
        }
        heartbeat?.join()
        heartbeatSocket.close()
        for socket in sockets.values { socket.close() }
    }

    private func socket(_ channel: KernelChannel) -> ZeroMQSocket {
        sockets[channel]!
    }
}
