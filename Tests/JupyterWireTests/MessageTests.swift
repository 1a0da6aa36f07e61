import Foundation
import Testing

@testable import JupyterWire

@Suite("Message")
struct MessageTests {
    // 2026-11-24T19:24:20.123456Z (python3: datetime(2026, 11, 24, 19, 24, 20, tzinfo=timezone.utc).timestamp() == 1795548260)
    let instant = Date(timeIntervalSince1970: 1_795_548_260.123456)

    @Test("a message encodes an absent parent header as {} and reads {} back as nil")
    func messageCodable() throws {
        let message = Message(header: MessageHeader(session: "s", date: instant, messageType: "status"), content: ["execution_state": "idle"])
        let json = try JSONValue(parsing: JSONEncoder().encode(message))
        #expect(json["parent_header"] == [:])
        #expect(json["metadata"] == [:])
        #expect(try JSONDecoder().decode(Message.self, from: JSONEncoder().encode(message)) == message)
    }

    @Test("a parent header in the Codable form is read back as a header")
    func parentHeader() throws {
        let parent = MessageHeader(messageID: "req-1", session: "client", date: instant, messageType: "execute_request")
        let message = Message(
            header: MessageHeader(session: "s", date: instant, messageType: "execute_reply"), parentHeader: parent,
            metadata: ["engine": "e1"], content: ["status": "ok", "execution_count": 1])
        let json = try JSONValue(parsing: JSONEncoder().encode(message))
        #expect(json["parent_header"]?["msg_id"] == "req-1")
        #expect(try JSONDecoder().decode(Message.self, from: JSONEncoder().encode(message)) == message)
    }
}
