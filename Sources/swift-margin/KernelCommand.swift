import ArgumentParser
import Foundation
import JupyterKernel
import JupyterWire
import KernelZeroMQ
import SwiftSession

/// `swift-margin kernel --connection-file FILE`: the Jupyter kernel (Jupyter starts it).
struct KernelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "Run the Jupyter kernel for the connection file a Jupyter front end wrote.")

    @Option(name: [.customShort("f"), .long], help: "The connection file (Jupyter passes {connection_file}).")
    var connectionFile: String

    @Flag(name: .shortAndLong, help: "Log every message (repeat for more: -v info, -vv debug).")
    var verbose: Int

    func run() throws {
        let log = KernelLog(level: verbose >= 2 ? .debug : verbose == 1 ? .info : .warning)
        let connection = try ConnectionFile.load(from: connectionFile)
        let session = try SwiftSession(configuration: SessionSetup.configuration())
        let transport = try ZeroMQTransport.bind(connection, log: log)
        let server = KernelServer(
            connection: connection, transport: transport, backend: SwiftKernelBackend(session: session), log: log)
        server.installSignalHandlers()
        let restart = try server.run()
        log(.info, "kernel stopped (restart requested: \(restart))")
    }
}
