import CZeroMQ

/// Waits until one of several sockets has a message to read (`zmq_poll`).
///
/// ```swift
/// let poller = ZeroMQPoller([shell, control])
/// for socket in try poller.poll(timeout: .milliseconds(100)) where socket === control { … }
/// ```
public struct ZeroMQPoller {
    /// The sockets watched, in the order added.
    public private(set) var sockets: [ZeroMQSocket]

    /// A poller watching `sockets` for incoming messages.
    public init(_ sockets: [ZeroMQSocket] = []) {
        self.sockets = sockets
    }

    /// Watches one more socket.
    public mutating func add(_ socket: ZeroMQSocket) {
        sockets.append(socket)
    }

    /// The sockets with a message waiting, in the order added; empty if none is ready within
    /// `timeout` (or a signal interrupted the wait). A `nil` timeout waits forever.
    /// - Throws: ``ZeroMQError``, e.g. when a watched socket was closed.
    public func poll(timeout: Duration?) throws(ZeroMQError) -> [ZeroMQSocket] {
        var items: [zmq_pollitem_t] = []
        for socket in sockets {
            guard let handle = socket.handle else {
                throw ZeroMQError(
                    operation: "zmq_poll on a closed socket", code: ENOTSOCK,
                    message: String(cString: zmq_strerror(ENOTSOCK)))
            }
            items.append(zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0))
        }
        let ready = zmq_poll(&items, Int32(items.count), timeout.map { $0.zeroMQMilliseconds } ?? -1)
        if ready < 0 {
            if zmq_errno() == EINTR { return [] }
            throw ZeroMQError(lastErrorOf: "zmq_poll")
        }
        return zip(sockets, items).compactMap { socket, item in
            item.revents & Int16(ZMQ_POLLIN) != 0 ? socket : nil
        }
    }
}
