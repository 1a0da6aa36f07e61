import Foundation
import Testing

@testable import JupyterWire

@Suite("ConnectionFile")
struct ConnectionFileTests {
    // The layout jupyter_client's write_connection_file produces.
    let written = """
        {
          "shell_port": 53741,
          "iopub_port": 53742,
          "stdin_port": 53743,
          "control_port": 53745,
          "hb_port": 53744,
          "ip": "127.0.0.1",
          "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84",
          "transport": "tcp",
          "signature_scheme": "hmac-sha256",
          "kernel_name": "swift-margin"
        }
        """

    func parse(_ text: String) throws(ConnectionFileError) -> ConnectionFile {
        try ConnectionFile(json: Data(text.utf8))
    }

    func replacing(_ old: String, with new: String) -> String {
        written.replacingOccurrences(of: old, with: new)
    }

    @Test("a file as jupyter_client writes it is read field by field")
    func parsesJupyterClientFile() throws {
        let connection = try parse(written)
        #expect(connection == ConnectionFile(
            transport: .tcp, ip: "127.0.0.1", shellPort: 53741, iopubPort: 53742, stdinPort: 53743,
            controlPort: 53745, heartbeatPort: 53744, key: "a0436f6c-1916-498b-8eb9-e81ab9368e84",
            signatureScheme: "hmac-sha256", kernelName: "swift-margin"))
    }

    @Test("endpoints are built as jupyter_client builds them")
    func endpoints() throws {
        let connection = try parse(written)
        #expect(connection.endpoint(for: .shell) == "tcp://127.0.0.1:53741")
        #expect(connection.endpoint(for: .iopub) == "tcp://127.0.0.1:53742")
        #expect(connection.endpoint(for: .stdin) == "tcp://127.0.0.1:53743")
        #expect(connection.endpoint(for: .control) == "tcp://127.0.0.1:53745")
        #expect(connection.endpoint(for: .heartbeat) == "tcp://127.0.0.1:53744")
        var ipc = connection
        ipc.transport = .ipc
        ipc.ip = "kernel-ipc"
        #expect(ipc.endpoint(for: .shell) == "ipc://kernel-ipc-53741")
    }

    @Test("kernel_name is optional")
    func kernelNameOptional() throws {
        #expect(try parse(replacing(#""swift-margin""#, with: "null")).kernelName == nil)
        let withoutName = written.replacingOccurrences(of: ",\n  \"kernel_name\": \"swift-margin\"", with: "")
        #expect(try parse(withoutName).kernelName == nil)
    }

    @Test("a missing field is named in the error")
    func missingField() {
        let text = written.replacingOccurrences(of: "\"shell_port\": 53741,\n", with: "")
        let error = ConnectionFileError.missingField("shell_port")
        #expect(throws: error) { try parse(text) }
        #expect(error.description == #"connection file is missing the field "shell_port""#)
    }

    @Test("a field of the wrong type is named in the error")
    func wrongType() {
        let error = ConnectionFileError.invalidField("hb_port", expected: "a port number (0 to 65535)", found: #""53744""#)
        #expect(throws: error) { try parse(replacing("\"hb_port\": 53744", with: "\"hb_port\": \"53744\"")) }
        #expect(error.description == #"connection file field "hb_port" must be a port number (0 to 65535), not "53744""#)
    }

    @Test("bad JSON and non-objects are refused")
    func badJSON() {
        #expect(throws: ConnectionFileError.invalidJSON) { try parse("{\"shell_port\": ") }
        #expect(ConnectionFileError.invalidJSON.description == "connection file is not valid JSON")
        #expect(throws: ConnectionFileError.notAnObject(found: "an array")) { try parse("[]") }
    }

    @Test("only hmac-sha256 is supported, unless the key is empty")
    func signatureScheme() throws {
        let error = ConnectionFileError.unsupportedSignatureScheme("hmac-md5")
        #expect(throws: error) { try parse(replacing("hmac-sha256", with: "hmac-md5")) }
        #expect(
            error.description
                == #"unsupported signature scheme "hmac-md5": only "hmac-sha256" is supported (or an empty key, which turns signing off)"#)
        let unsigned = try parse(
            replacing("hmac-sha256", with: "").replacingOccurrences(of: "a0436f6c-1916-498b-8eb9-e81ab9368e84", with: ""))
        #expect(unsigned.key == "")
        #expect(!unsigned.signer.isSigning)
    }

    @Test("an unknown transport is refused")
    func transport() {
        #expect(throws: ConnectionFileError.unsupportedTransport("udp")) { try parse(replacing(#""tcp""#, with: #""udp""#)) }
    }

    @Test("load reads a file from disk and reports a missing one by path")
    func load() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("jupyterwire-\(UUID().uuidString).json").path
        try Data(written.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try ConnectionFile.load(from: path).shellPort == 53741)

        let missing = "/nonexistent/kernel-1.json"
        #expect(throws: ConnectionFileError.fileNotFound(path: missing)) { try ConnectionFile.load(from: missing) }
        #expect(ConnectionFileError.fileNotFound(path: missing).description == "connection file not found: /nonexistent/kernel-1.json")
    }

    @Test("the Codable form round-trips with jupyter_client's field names")
    func codable() throws {
        let connection = try parse(written)
        let encoded = try JSONEncoder().encode(connection)
        #expect(try JSONValue(parsing: encoded) == JSONValue(parsing: Data(written.utf8)))
        #expect(try JSONDecoder().decode(ConnectionFile.self, from: encoded) == connection)
    }
}
