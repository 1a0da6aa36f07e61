import Foundation

/// The kernel connection file a Jupyter client writes and passes to the kernel
/// (`{connection_file}` in kernel.json): where to listen and how to sign.
///
/// ```swift
/// let connection = try ConnectionFile.load(from: "/tmp/kernel-1234.json")
/// try shell.bind(connection.endpoint(for: .shell))   // "tcp://127.0.0.1:53741"
/// let signer = connection.signer
/// ```
public struct ConnectionFile: Equatable, Sendable {
    /// The ZeroMQ transport named by `transport`.
    public enum Transport: String, Sendable {
        /// TCP: endpoints are `tcp://ip:port`.
        case tcp
        /// Unix domain sockets: endpoints are `ipc://ip-port` (`ip` is a path prefix).
        case ipc
    }

    /// The five sockets of a kernel.
    public enum Channel: String, Sendable, CaseIterable {
        /// Requests and replies (ROUTER).
        case shell
        /// Broadcast outputs and status (PUB).
        case iopub
        /// Input requests to the frontend (ROUTER).
        case stdin
        /// Shutdown, interrupt, debug (ROUTER).
        case control
        /// Heartbeat echo (REP).
        case heartbeat
    }

    /// `transport`.
    public var transport: Transport
    /// `ip`: the address to bind, e.g. `"127.0.0.1"`.
    public var ip: String
    /// `shell_port`.
    public var shellPort: Int
    /// `iopub_port`.
    public var iopubPort: Int
    /// `stdin_port`.
    public var stdinPort: Int
    /// `control_port`.
    public var controlPort: Int
    /// `hb_port`.
    public var heartbeatPort: Int
    /// `key`: the HMAC key; empty turns signing off.
    public var key: String
    /// `signature_scheme`: `"hmac-sha256"` (anything is accepted with an empty key).
    public var signatureScheme: String
    /// `kernel_name`, when the client wrote one.
    public var kernelName: String?

    /// A connection description from its fields.
    public init(
        transport: Transport = .tcp, ip: String = "127.0.0.1", shellPort: Int, iopubPort: Int,
        stdinPort: Int, controlPort: Int, heartbeatPort: Int, key: String,
        signatureScheme: String = "hmac-sha256", kernelName: String? = nil
    ) {
        self.transport = transport
        self.ip = ip
        self.shellPort = shellPort
        self.iopubPort = iopubPort
        self.stdinPort = stdinPort
        self.controlPort = controlPort
        self.heartbeatPort = heartbeatPort
        self.key = key
        self.signatureScheme = signatureScheme
        self.kernelName = kernelName
    }

    /// Reads and checks the connection file at `path`.
    /// - Throws: ``ConnectionFileError`` naming the missing file, the bad field or the
    ///   unsupported scheme.
    public static func load(from path: String) throws(ConnectionFileError) -> ConnectionFile {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try ConnectionFile(json: data)
    }

    /// Parses and checks connection-file JSON text.
    /// - Throws: ``ConnectionFileError``.
    public init(json data: Data) throws(ConnectionFileError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: data)
        } catch {
            throw .invalidJSON
        }
        guard let object = value.objectValue else { throw .notAnObject(found: value.kindDescription) }
        try self.init(jsonObject: object)
    }

    /// Reads the fields of a connection-file object; unknown fields are ignored.
    /// - Throws: ``ConnectionFileError``.
    public init(jsonObject object: JSONObject) throws(ConnectionFileError) {
        func field(_ name: String) throws(ConnectionFileError) -> JSONValue {
            guard let value = object[name] else { throw .missingField(name) }
            return value
        }
        func string(_ name: String) throws(ConnectionFileError) -> String {
            let value = try field(name)
            guard let text = value.stringValue else {
                throw .invalidField(name, expected: "a string", found: value.kindDescription)
            }
            return text
        }
        func port(_ name: String) throws(ConnectionFileError) -> Int {
            let value = try field(name)
            guard let number = value.intValue, (0...65535).contains(number) else {
                throw .invalidField(name, expected: "a port number (0 to 65535)", found: Self.show(value))
            }
            return number
        }
        let transportName = try string("transport")
        guard let transport = Transport(rawValue: transportName) else {
            throw .unsupportedTransport(transportName)
        }
        let key = try string("key")
        let scheme = try string("signature_scheme")
        guard scheme == "hmac-sha256" || key.isEmpty else { throw .unsupportedSignatureScheme(scheme) }
        var kernelName: String?
        if let value = object["kernel_name"], !value.isNull {
            guard let name = value.stringValue else {
                throw .invalidField("kernel_name", expected: "a string", found: value.kindDescription)
            }
            kernelName = name
        }
        self.init(
            transport: transport, ip: try string("ip"), shellPort: try port("shell_port"),
            iopubPort: try port("iopub_port"), stdinPort: try port("stdin_port"),
            controlPort: try port("control_port"), heartbeatPort: try port("hb_port"), key: key,
            signatureScheme: scheme, kernelName: kernelName)
    }

    /// The file's JSON object, with the field names jupyter_client writes.
    public var jsonObject: JSONObject {
        var object: JSONObject = [
            "transport": .string(transport.rawValue), "ip": .string(ip), "shell_port": .int(shellPort),
            "iopub_port": .int(iopubPort), "stdin_port": .int(stdinPort), "control_port": .int(controlPort),
            "hb_port": .int(heartbeatPort), "key": .string(key), "signature_scheme": .string(signatureScheme),
        ]
        if let kernelName { object["kernel_name"] = .string(kernelName) }
        return object
    }

    /// The port of `channel`.
    public func port(for channel: Channel) -> Int {
        switch channel {
        case .shell: return shellPort
        case .iopub: return iopubPort
        case .stdin: return stdinPort
        case .control: return controlPort
        case .heartbeat: return heartbeatPort
        }
    }

    /// The ZeroMQ endpoint of `channel`, as jupyter_client builds it:
    /// `tcp://127.0.0.1:5555`, or `ipc://kernel-ipc-5555` for the ipc transport.
    public func endpoint(for channel: Channel) -> String {
        switch transport {
        case .tcp: return "tcp://\(ip):\(port(for: channel))"
        case .ipc: return "ipc://\(ip)-\(port(for: channel))"
        }
    }

    /// The signer for `key` (``MessageSigner/unsigned`` when the key is empty).
    public var signer: MessageSigner { MessageSigner(key: key) }

    private static func show(_ value: JSONValue) -> String {
        switch value {
        case .int, .double, .string: return String(decoding: value.serialized(), as: UTF8.self)
        default: return value.kindDescription
        }
    }
}

extension ConnectionFile: Codable {
    /// Decodes the file's object; a missing or bad field throws the ``ConnectionFileError`` naming it.
    public init(from decoder: Decoder) throws {
        try self.init(jsonObject: try JSONObject(from: decoder))
    }

    /// Encodes the file's object (``jsonObject``).
    public func encode(to encoder: Encoder) throws {
        try jsonObject.encode(to: encoder)
    }
}
