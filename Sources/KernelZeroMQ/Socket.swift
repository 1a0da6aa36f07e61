import CZeroMQ
import Foundation

/// A ZeroMQ socket sending and receiving multipart messages as `[Data]`.
///
/// Not thread-safe: use each socket from one thread at a time. New sockets linger
/// 1000 ms on close (as ipykernel's do), so closing never hangs for long on unsent
/// messages; change it with ``setLinger(milliseconds:)``. The socket is closed by
/// ``close()`` or when it is deinitialised.
///
/// ```swift
/// let router = try context.socket(.router)
/// try router.bind("tcp://127.0.0.1:*")
/// let endpoint = try router.lastEndpoint          // "tcp://127.0.0.1:41237"
/// if let frames = try router.receive(timeout: .milliseconds(100)) { … }
/// ```
public final class ZeroMQSocket {
    /// The socket types a Jupyter kernel and its tests use.
    public enum Kind: Sendable, CaseIterable {
        /// ROUTER: shell, control and stdin in a kernel; prefixes each message with the peer's identity.
        case router
        /// DEALER: a client of a ROUTER.
        case dealer
        /// PUB: IOPub in a kernel.
        case pub
        /// SUB: a subscriber to a PUB.
        case sub
        /// REP: the heartbeat echo.
        case rep
        /// REQ: a client of a REP.
        case req

        fileprivate var zmqType: Int32 {
            switch self {
            case .router: return ZMQ_ROUTER
            case .dealer: return ZMQ_DEALER
            case .pub: return ZMQ_PUB
            case .sub: return ZMQ_SUB
            case .rep: return ZMQ_REP
            case .req: return ZMQ_REQ
            }
        }
    }

    /// The socket's kind.
    public let kind: Kind
    /// Kept so the context outlives the socket.
    private let context: ZeroMQContext
    /// The `void *` from `zmq_socket`, `nil` once closed; used only by Context.swift, Socket.swift and Poller.swift.
    private(set) var handle: UnsafeMutableRawPointer?

    /// A new socket of `kind` in `context`, with linger 1000 ms.
    /// - Throws: ``ZeroMQError`` (e.g. "Too many open files").
    public init(_ kind: Kind, context: ZeroMQContext) throws(ZeroMQError) {
        guard let handle = zmq_socket(context.handle, kind.zmqType) else {
            throw ZeroMQError(lastErrorOf: "zmq_socket")
        }
        self.kind = kind
        self.context = context
        self.handle = handle
        try setLinger(milliseconds: 1000)
    }

    deinit { close() }

    /// Closes the socket; later calls throw "Socket operation on non-socket". Safe to repeat.
    public func close() {
        guard let handle else { return }
        zmq_close(handle)
        self.handle = nil
    }

    /// Binds to `endpoint`, e.g. `"tcp://127.0.0.1:5555"`, or `"tcp://127.0.0.1:*"` for any free
    /// port (read it back with ``lastEndpoint``).
    public func bind(_ endpoint: String) throws(ZeroMQError) {
        try check(zmq_bind(try open(), endpoint), "zmq_bind to \"\(endpoint)\"")
    }

    /// Connects to `endpoint`; the connection is made in the background.
    public func connect(_ endpoint: String) throws(ZeroMQError) {
        try check(zmq_connect(try open(), endpoint), "zmq_connect to \"\(endpoint)\"")
    }

    /// The endpoint last bound or connected (`ZMQ_LAST_ENDPOINT`), with the actual port
    /// when bound to `*`.
    public var lastEndpoint: String {
        get throws(ZeroMQError) {
            var buffer = [CChar](repeating: 0, count: 1024)
            var size = buffer.count
            try check(
                zmq_getsockopt(try open(), ZMQ_LAST_ENDPOINT, &buffer, &size), "zmq_getsockopt(ZMQ_LAST_ENDPOINT)")
            return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    /// How long `close` keeps trying to deliver unsent messages (`ZMQ_LINGER`):
    /// 0 drops them at once, -1 waits forever.
    public func setLinger(milliseconds: Int) throws(ZeroMQError) {
        try setOption(ZMQ_LINGER, Int32(clamping: milliseconds), "ZMQ_LINGER")
    }

    /// The identity a DEALER or REQ presents to a ROUTER (`ZMQ_ROUTING_ID`); set before connecting.
    public func setRoutingID(_ identity: Data) throws(ZeroMQError) {
        try setOption(ZMQ_ROUTING_ID, bytes: identity, "ZMQ_ROUTING_ID")
    }

    /// Subscribes a SUB socket to messages whose first frame starts with `prefix`
    /// (the empty prefix, the default, receives everything).
    public func subscribe(to prefix: Data = Data()) throws(ZeroMQError) {
        try setOption(ZMQ_SUBSCRIBE, bytes: prefix, "ZMQ_SUBSCRIBE")
    }

    /// Sends `frames` as one multipart message, blocking until libzmq has queued it.
    /// - Throws: ``ZeroMQError``; sending no frames is "Invalid argument".
    public func send(_ frames: [Data]) throws(ZeroMQError) {
        let handle = try open()
        guard !frames.isEmpty else {
            throw ZeroMQError(operation: "zmq_send", code: EINVAL, message: String(cString: zmq_strerror(EINVAL)))
        }
        for (index, frame) in frames.enumerated() {
            let flags = index == frames.count - 1 ? 0 : ZMQ_SNDMORE
            while true {
                let result = frame.withUnsafeBytes { bytes in
                    zmq_send(handle, bytes.baseAddress, bytes.count, flags)
                }
                if result >= 0 { break }
                if zmq_errno() != EINTR { throw ZeroMQError(lastErrorOf: "zmq_send") }
            }
        }
    }

    /// Receives one multipart message, blocking until it arrives.
    public func receive() throws(ZeroMQError) -> [Data] {
        let handle = try open()
        var frames: [Data] = []
        var more = true
        while more {
            var message = zmq_msg_t()
            zmq_msg_init(&message)
            defer { zmq_msg_close(&message) }
            while zmq_msg_recv(&message, handle, 0) < 0 {
                if zmq_errno() != EINTR { throw ZeroMQError(lastErrorOf: "zmq_msg_recv") }
            }
            let size = zmq_msg_size(&message)
            if size > 0, let bytes = zmq_msg_data(&message) {
                frames.append(Data(bytes: bytes, count: size))
            } else {
                frames.append(Data())
            }
            more = zmq_msg_more(&message) != 0
        }
        return frames
    }

    /// Receives one multipart message, or returns `nil` if none arrives within `timeout`.
    public func receive(timeout: Duration) throws(ZeroMQError) -> [Data]? {
        var item = zmq_pollitem_t(socket: try open(), fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
        let ready = zmq_poll(&item, 1, timeout.zeroMQMilliseconds)
        if ready < 0 {
            if zmq_errno() == EINTR { return nil }
            throw ZeroMQError(lastErrorOf: "zmq_poll")
        }
        return ready == 0 ? nil : try receive()
    }

    private func open() throws(ZeroMQError) -> UnsafeMutableRawPointer {
        guard let handle else {
            throw ZeroMQError(operation: "use of a closed socket", code: ENOTSOCK, message: String(cString: zmq_strerror(ENOTSOCK)))
        }
        return handle
    }

    private func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(ZeroMQError) {
        if result != 0 { throw ZeroMQError(lastErrorOf: operation()) }
    }

    private func setOption(_ option: Int32, _ value: Int32, _ name: String) throws(ZeroMQError) {
        var value = value
        try check(
            zmq_setsockopt(try open(), option, &value, MemoryLayout<Int32>.size), "zmq_setsockopt(\(name))")
    }

    private func setOption(_ option: Int32, bytes: Data, _ name: String) throws(ZeroMQError) {
        let handle = try open()
        let result = bytes.withUnsafeBytes { zmq_setsockopt(handle, option, $0.baseAddress, $0.count) }
        try check(result, "zmq_setsockopt(\(name))")
    }
}

extension ZeroMQError {
    /// The error libzmq reports for the call that just failed (`zmq_errno`, `zmq_strerror`).
    init(lastErrorOf operation: String) {
        let code = zmq_errno()
        self.init(operation: operation, code: code, message: String(cString: zmq_strerror(code)))
    }
}

extension Duration {
    /// Whole milliseconds (rounded up, so a positive timeout never becomes 0), clamped to `Int`.
    var zeroMQMilliseconds: Int {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 || seconds > 0 else { return 0 }
        let millis = (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        let (total, overflow) = seconds.multipliedReportingOverflow(by: 1000)
        return overflow ? Int.max : Int(clamping: total + millis)
    }
}
