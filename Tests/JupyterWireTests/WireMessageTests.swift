import Foundation
import Testing

@testable import JupyterWire

@Suite("WireMessage")
struct WireMessageTests {
    let signer = MessageSigner(key: "secret-key")
    // 2026-11-24T19:24:20.123456Z (python3: datetime(2026, 11, 24, 19, 24, 20, tzinfo=timezone.utc).timestamp() == 1795548260)
    let instant = Date(timeIntervalSince1970: 1_795_548_260.123456)

    func statusMessage() -> Message {
        Message(
            header: MessageHeader(messageID: "m-1", session: "s-1", username: "kernel", date: instant, messageType: "status"),
            content: ["execution_state": "busy"])
    }

    func frames(_ texts: [String]) -> [Data] { texts.map { Data($0.utf8) } }

    @Test("encoding gives the frames and signature Python computes for the same message")
    func encodeMatchesPython() {
        // Expected JSON frames: python3 json.dumps(obj, sort_keys=True, separators=(',', ':')) of each part;
        // expected signature: hmac.new(b"secret-key", digestmod=hashlib.sha256) updated with those four frames.
        let encoded = WireMessage(identities: [Data("topic".utf8)], message: statusMessage()).encode(signer: signer)
        #expect(encoded == frames([
            "topic",
            "<IDS|MSG>",
            "a1de4374a3688a8ad90730b40abe71a495a0028fd6f8622a6200f04bfa98e1fb",
            #"{"date":"2026-11-24T19:24:20.123456Z","msg_id":"m-1","msg_type":"status","session":"s-1","username":"kernel","version":"5.3"}"#,
            "{}",
            "{}",
            #"{"execution_state":"busy"}"#,
        ]))
    }

    @Test("decoding reads a message that jupyter_client's Session serialized and signed")
    func decodeJupyterClientMessage() throws {
        // Frames printed by jupyter_client 8.10 (python3): Session(key=b"a0436f6c-1916-498b-8eb9-e81ab9368e84",
        // username="alice", session="5f4b1a2c").serialize(msg, ident=[b"client-1"]) for an execute_request
        // with msg_id "3c1f-0001", the date below and metadata {"cellId": "c1"}.
        let received = frames([
            "client-1",
            "<IDS|MSG>",
            "553c0e187bae5b5129edeb5c0df55a73f9444332fa5987f4dae1b0feb2100895",
            #"{"msg_id": "3c1f-0001", "msg_type": "execute_request", "username": "alice", "session": "5f4b1a2c", "date": "2026-11-24T19:24:20.123456Z", "version": "5.4"}"#,
            "{}",
            #"{"cellId": "c1"}"#,
            #"{"code": "print('hi')\n", "silent": false, "store_history": true, "user_expressions": {}, "allow_stdin": true, "stop_on_error": true}"#,
        ])
        let wire = try WireMessage.decode(frames: received, signer: MessageSigner(key: "a0436f6c-1916-498b-8eb9-e81ab9368e84"))
        #expect(wire.identities == [Data("client-1".utf8)])
        #expect(wire.message.header == MessageHeader(
            messageID: "3c1f-0001", session: "5f4b1a2c", username: "alice", date: instant,
            messageType: "execute_request", version: "5.4"))
        #expect(wire.message.parentHeader == nil)
        #expect(wire.message.metadata == ["cellId": "c1"])
        #expect(wire.message.content["code"] == "print('hi')\n")
        #expect(wire.message.content["silent"] == false)
        #expect(wire.message.content["user_expressions"] == [:])
        #expect(wire.buffers.isEmpty)
    }

    @Test("encode then decode gives back identities, headers, metadata, content and buffers")
    func roundTrip() throws {
        var message = statusMessage()
        message.parentHeader = MessageHeader(messageID: "req-9", session: "client", username: "bob", date: instant, messageType: "execute_request")
        message.metadata = ["started": "now", "dependencies_met": true]
        message.content = ["data": ["text/plain": "42"], "execution_count": 3, "ratio": 0.25]
        let original = WireMessage(
            identities: [Data("a".utf8), Data([0, 0x80, 0xFF])], message: message, buffers: [Data([1, 2, 3]), Data()])
        let decoded = try WireMessage.decode(frames: original.encode(signer: signer), signer: signer)
        #expect(decoded == original)
    }

    @Test("a wrong signature is rejected with the bad-signature error")
    func badSignature() {
        var encoded = WireMessage(message: statusMessage()).encode(signer: signer)
        encoded[1] = Data(("0" + String(decoding: encoded[1], as: UTF8.self).dropFirst()).utf8)
        #expect(throws: WireError.badSignature) { try WireMessage.decode(frames: encoded, signer: signer) }
        #expect(
            WireError.badSignature.description
                == "bad signature: the HMAC-SHA256 of the message does not match its signature frame "
                + "(do the kernel and the client use the same key?)")
    }

    @Test("a message signed with another key is rejected")
    func otherKey() {
        let encoded = WireMessage(message: statusMessage()).encode(signer: MessageSigner(key: "other-key"))
        #expect(throws: WireError.badSignature) { try WireMessage.decode(frames: encoded, signer: signer) }
    }

    @Test("an unsigned message is accepted with an empty key and rejected with a key")
    func emptyKey() throws {
        let encoded = WireMessage(message: statusMessage()).encode(signer: .unsigned)
        #expect(encoded[1] == Data())
        #expect(try WireMessage.decode(frames: encoded, signer: .unsigned).message == statusMessage())
        #expect(throws: WireError.badSignature) { try WireMessage.decode(frames: encoded, signer: signer) }
    }

    @Test("frames without the delimiter are refused, naming it")
    func missingDelimiter() {
        let error = WireError.missingDelimiter(frameCount: 3)
        #expect(throws: error) { try WireMessage.decode(frames: frames(["id", "sig", "{}"]), signer: signer) }
        #expect(error.description == "no <IDS|MSG> delimiter among the 3 frames of the message")
    }

    @Test("fewer than five frames after the delimiter are refused")
    func tooFewFrames() {
        let error = WireError.tooFewFrames(afterDelimiter: 3)
        #expect(throws: error) {
            try WireMessage.decode(frames: frames(["<IDS|MSG>", "sig", "{}", "{}"]), signer: signer)
        }
        #expect(
            error.description
                == "too few frames after <IDS|MSG>: got 3, need 5 (signature, header, parent_header, metadata, content)")
    }

    /// Correctly signed frames whose JSON parts are `parts`.
    func signedFrames(_ parts: [String]) -> [Data] {
        let data = frames(parts)
        return [WireMessage.delimiter, Data(signer.signature(for: data).utf8)] + data
    }

    @Test("invalid JSON is refused, naming the frame")
    func invalidJSON() {
        let header = String(decoding: JSONValue.object(statusMessage().header.jsonObject).serialized(), as: UTF8.self)
        #expect(throws: WireError.invalidJSON(frame: .content)) {
            try WireMessage.decode(frames: signedFrames([header, "{}", "{}", #"{"code": "#]), signer: signer)
        }
        #expect(throws: WireError.invalidJSON(frame: .parentHeader)) {
            try WireMessage.decode(frames: signedFrames([header, "{", "{}", "{}"]), signer: signer)
        }
        #expect(WireError.invalidJSON(frame: .content).description == "invalid JSON in the content frame")
        #expect(WireError.invalidJSON(frame: .parentHeader).description == "invalid JSON in the parent_header frame")
    }

    @Test("JSON that is not an object is refused, naming the frame and what it holds")
    func notAnObject() {
        let error = WireError.notAnObject(frame: .metadata, found: "an array")
        #expect(throws: error) {
            try WireMessage.decode(frames: signedFrames(["{}", "{}", "[1]", "{}"]), signer: signer)
        }
        #expect(error.description == "the metadata frame holds an array, not a JSON object")
    }

    @Test("a header without msg_id is refused, naming the field")
    func missingHeaderField() {
        #expect(throws: WireError.missingHeaderField("msg_id", frame: .header)) {
            try WireMessage.decode(frames: signedFrames([#"{"msg_type": "status"}"#, "{}", "{}", "{}"]), signer: signer)
        }
    }

    @Test("the delimiter is found after any number of identities, including none")
    func identities() throws {
        let bare = WireMessage(message: statusMessage()).encode(signer: signer)
        #expect(try WireMessage.decode(frames: bare, signer: signer).identities.isEmpty)
        let three = WireMessage(identities: frames(["x", "y", "z"]), message: statusMessage()).encode(signer: signer)
        #expect(try WireMessage.decode(frames: three, signer: signer).identities == frames(["x", "y", "z"]))
    }
}
