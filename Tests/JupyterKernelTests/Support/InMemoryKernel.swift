import Foundation
import JupyterKernel
import JupyterWire
import KernelTestSupport

extension RunningKernel {
    /// A kernel on an ``InMemoryTransport`` signing with `key` (a random one by default); its
    /// connection file's ports are only what connect_request reports.
    static func inMemory(
        backend: FakeBackend = FakeBackend(), key: String = UUID().uuidString,
        configure: (KernelServer) -> Void = { _ in }
    ) -> RunningKernel {
        let (kernelEnd, clientEnd) = InMemoryTransport.pair()
        let connection = ConnectionFile(
            shellPort: 50001, iopubPort: 50002, stdinPort: 50003, controlPort: 50004, heartbeatPort: 50005, key: key)
        return RunningKernel(
            connection: connection, transport: kernelEnd, client: clientEnd, backend: backend, configure: configure)
    }
}
