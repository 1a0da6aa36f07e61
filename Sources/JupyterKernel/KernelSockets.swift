import Foundation
import JupyterWire

/// The five sockets of a kernel, bound to the connection file's endpoints.
struct KernelSockets {
    /// How long closing keeps trying to deliver unsent messages (e.g. the last `idle`).
    static let lingerMilliseconds = 200

    let context: ZeroMQContext
    let shell: ZeroMQSocket
    let control: ZeroMQSocket
    let stdin: ZeroMQSocket
    let iopub: ZeroMQSocket
    let heartbeat: ZeroMQSocket

    /// Creates and binds the sockets: shell, control and stdin ROUTER, iopub PUB, heartbeat REP.
    /// - Throws: ``KernelServerError/bindFailed(channel:endpoint:port:reason:)`` naming the port
    ///   that could not be bound (the sockets already bound are closed).
    static func bind(_ connection: ConnectionFile) throws(KernelServerError) -> KernelSockets {
        let context: ZeroMQContext
        do {
            context = try ZeroMQContext()
        } catch {
            throw .socketSetupFailed(reason: error.description)
        }
        var opened: [ZeroMQSocket] = []
        func open(_ kind: ZeroMQSocket.Kind, _ channel: ConnectionFile.Channel) throws(KernelServerError) -> ZeroMQSocket {
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
        do throws(KernelServerError) {
            return KernelSockets(
                context: context, shell: try open(.router, .shell), control: try open(.router, .control),
                stdin: try open(.router, .stdin), iopub: try open(.pub, .iopub), heartbeat: try open(.rep, .heartbeat))
        } catch {
            for socket in opened {
                try? socket.setLinger(milliseconds: 0)
                socket.close()
            }
            throw error
        }
    }

    /// Closes the sockets the server threads no longer use (iopub and stdin are closed by
    /// their owners).
    func closeChannels() {
        shell.close()
        control.close()
        heartbeat.close()
    }
}
