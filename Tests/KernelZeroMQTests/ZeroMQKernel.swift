import Foundation
import JupyterKernel
import JupyterWire
import KernelTestSupport
import KernelZeroMQ

extension RunningKernel {
    /// A kernel on a ``ZeroMQTransport`` bound to fresh loopback ports, with a ``ZeroMQClient``
    /// connected as its client.
    static func overZeroMQ(backend: FakeBackend = FakeBackend(), key: String = UUID().uuidString) throws -> RunningKernel {
        for _ in 0..<10 {
            let ports = PortPicker.pick(5)
            let connection = ConnectionFile(
                shellPort: ports[0], iopubPort: ports[1], stdinPort: ports[2], controlPort: ports[3],
                heartbeatPort: ports[4], key: key)
            let transport: ZeroMQTransport
            do {
                transport = try ZeroMQTransport.bind(connection, log: KernelLog(level: .error))
            } catch .bindFailed {
                continue
            }
            return RunningKernel(
                connection: connection, transport: transport, client: try ZeroMQClient(connection: connection),
                backend: backend)
        }
        throw TestTimeout(description: "no free ports after 10 tries")
    }
}
