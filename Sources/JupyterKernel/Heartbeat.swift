import JupyterWire

/// The heartbeat: a REP socket on its own thread that echoes every message at once, so the
/// frontend sees the kernel alive while a cell runs for minutes.
struct Heartbeat {
    /// How long one poll lasts; bounds how late a stop is noticed.
    static let pollSlice: Duration = .milliseconds(50)

    let socket: ZeroMQSocket
    let state: ServerState
    let log: KernelLog

    /// Starts the echo loop on a thread named `kernel-heartbeat`.
    func start() -> KernelThread {
        KernelThread(name: "kernel-heartbeat") { serve() }
    }

    private func serve() {
        let receiver = PollingReceiver(socket: socket, channel: "heartbeat", pollSlice: Self.pollSlice, log: log)
        receiver.serve(while: { !state.isStopping }) { ping in try socket.send(ping) }
    }
}
