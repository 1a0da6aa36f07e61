import Foundation
import JupyterKernel
import JupyterWire
import KernelZeroMQ

/// The client's end of a kernel's ZeroMQ transport, connected as jupyter_client connects:
/// DEALERs for shell, control and stdin (shell and stdin share one identity), a SUB for iopub
/// subscribed to everything; and a REQ for the heartbeat, which no ``KernelChannel`` carries.
final class ZeroMQClient: KernelTransport, @unchecked Sendable {
    /// The heartbeat REQ socket.
    let heartbeat: ZeroMQSocket
    private let sockets: [KernelChannel: ZeroMQSocket]

    /// Sockets connected to `connection`'s endpoints (the connections complete in the background).
    init(connection: ConnectionFile) throws {
        let context = try ZeroMQContext()
        let identity = Data(UUID().uuidString.utf8)
        var sockets: [KernelChannel: ZeroMQSocket] = [:]
        let kinds: [(KernelChannel, ZeroMQSocket.Kind)] = [(.shell, .dealer), (.control, .dealer), (.stdin, .dealer), (.iopub, .sub)]
        for (channel, kind) in kinds {
            let socket = try context.socket(kind)
            try socket.setLinger(milliseconds: 0)
            if channel == .shell || channel == .stdin { try socket.setRoutingID(identity) }
            if channel == .iopub { try socket.subscribe() }
            try socket.connect(connection.endpoint(for: ConnectionFile.Channel(rawValue: channel.rawValue)!))
            sockets[channel] = socket
        }
        self.sockets = sockets
        heartbeat = try context.socket(.req)
        try heartbeat.setLinger(milliseconds: 0)
        try heartbeat.connect(connection.endpoint(for: .heartbeat))
    }

    func receive(on channel: KernelChannel, timeout: Duration) throws -> [Data]? {
        try sockets[channel]!.receive(timeout: timeout)
    }

    func send(_ frames: [Data], on channel: KernelChannel) throws {
        try sockets[channel]!.send(frames)
    }

    func close() {
        for socket in sockets.values { socket.close() }
        heartbeat.close()
    }
}
