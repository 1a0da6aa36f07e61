import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns SIGINT and SIGTERM into calls on the servers that asked for them
/// (``KernelServer/installSignalHandlers()``): SIGINT interrupts, SIGTERM stops.
///
/// The C handler only writes the signal number to a pipe (async-signal-safe); a watcher thread
/// reads the pipe and calls the servers, so any thread may receive the signal. The handlers are
/// process-wide: installed when the first server registers, the previous dispositions restored
/// when the last one unregisters (at the end of its `run()`).
enum SignalRelay {
    /// The signals relayed.
    static let signals: [Int32] = [SIGINT, SIGTERM]

    private static let lock = NSLock()
    nonisolated(unsafe) private static var servers: [ObjectIdentifier: WeakServer] = [:]
    nonisolated(unsafe) private static var previousActions: [Int32: sigaction] = [:]
    nonisolated(unsafe) private static var watcherStarted = false
    /// The pipe's write end, read by the C handler; set before any handler is installed.
    nonisolated(unsafe) static var writeDescriptor: Int32 = -1

    private struct WeakServer {
        weak var server: KernelServer?
    }

    /// Relays SIGINT and SIGTERM to `server` from now until ``unregister(_:)``.
    static func register(_ server: KernelServer) {
        lock.withLock {
            servers[ObjectIdentifier(server)] = WeakServer(server: server)
            if !watcherStarted {
                var descriptors: [Int32] = [-1, -1]
                guard pipe(&descriptors) == 0 else {
                    server.log(.error, "cannot create the signal pipe: \(String(cString: strerror(errno)))")
                    return
                }
                for descriptor in descriptors { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }
                _ = fcntl(descriptors[1], F_SETFL, fcntl(descriptors[1], F_GETFL) | O_NONBLOCK)
                writeDescriptor = descriptors[1]
                let readDescriptor = descriptors[0]
                _ = KernelThread(name: "kernel-signals") { watch(readDescriptor) }
                watcherStarted = true
            }
            if previousActions.isEmpty {
                for signal in signals {
                    var action = sigaction()
                    #if canImport(Glibc)
                    action.__sigaction_handler.sa_handler = relaySignal
                    #else
                    action.__sigaction_u.__sa_handler = relaySignal
                    #endif
                    sigemptyset(&action.sa_mask)
                    action.sa_flags = SA_RESTART
                    var previous = sigaction()
                    if sigaction(signal, &action, &previous) == 0 { previousActions[signal] = previous }
                }
            }
        }
    }

    /// Stops relaying to `server`; the last server out restores the previous handlers.
    static func unregister(_ server: KernelServer) {
        lock.withLock {
            servers[ObjectIdentifier(server)] = nil
            servers = servers.filter { $0.value.server != nil }
            guard servers.isEmpty else { return }
            for (signal, previous) in previousActions {
                var previous = previous
                sigaction(signal, &previous, nil)
            }
            previousActions = [:]
        }
    }

    private static func watch(_ descriptor: Int32) {
        var byte: UInt8 = 0
        while true {
            let count = read(descriptor, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return }
            let targets = lock.withLock { servers.values.compactMap(\.server) }
            for server in targets {
                switch Int32(byte) {
                case SIGINT:
                    server.log(.info, "SIGINT: interrupting")
                    server.interrupt()
                case SIGTERM:
                    server.log(.info, "SIGTERM: stopping")
                    server.stop()
                default:
                    break
                }
            }
        }
    }
}

/// The C signal handler: writes the signal number to the relay's pipe, keeping `errno`.
private func relaySignal(_ signal: Int32) {
    let saved = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(SignalRelay.writeDescriptor, &byte, 1)
    errno = saved
}
