import Foundation
import Testing

@testable import JupyterWire

@Suite("MessageHeader")
struct MessageHeaderTests {
    // 2026-11-24T19:24:20Z is 1795548260 s after the epoch
    // (python3: datetime(2026, 11, 24, 19, 24, 20, tzinfo=timezone.utc).timestamp()).
    let instant = Date(timeIntervalSince1970: 1_795_548_260.123456)

    @Test("dates are written in UTC with microseconds, as jupyter_client writes them")
    func dateFormat() {
        #expect(JupyterDate.format(instant) == "2026-11-24T19:24:20.123456Z")
        #expect(JupyterDate.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000000Z")
        #expect(JupyterDate.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000000Z")
    }

    @Test("dates with offsets, fewer fraction digits or no zone are read", arguments: [
        ("2026-11-24T19:24:20.123456Z", 1_795_548_260.123456),
        ("2026-11-24T21:24:20.5+02:00", 1_795_548_260.5),  // python3: datetime.fromisoformat(...).timestamp()
        ("2026-11-24T19:24:20+0000", 1_795_548_260.0),
        ("2026-11-24 19:24:20.123", 1_795_548_260.123),
        ("2026-11-24T14:24:20-05:00", 1_795_548_260.0),
    ])
    func dateParsing(text: String, seconds: Double) throws {
        let date = try #require(JupyterDate.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test("fraction digits past the sixth round to the nearest microsecond")
    func nanosecondDigits() throws {
        let date = try #require(JupyterDate.parse("2026-11-24T19:24:20.1234565Z"))
        #expect(JupyterDate.format(date) == "2026-11-24T19:24:20.123457Z")
    }

    @Test("a header made now equals itself after a trip through its wire form")
    func dateRoundedToWirePrecision() throws {
        let header = MessageHeader(session: "s", messageType: "status")
        #expect(try MessageHeader(jsonObject: header.jsonObject) == header)
    }

    @Test("text that is not an ISO 8601 date-time is refused", arguments: [
        "", "yesterday", "2026-11-24", "2026-13-24T19:24:20Z", "2026-11-24T19:24:20.Z", "2026-11-24T19:24:20Zjunk",
    ])
    func badDates(text: String) {
        #expect(JupyterDate.parse(text) == nil)
    }

    @Test("a header written as JSON reads back equal, with the spec's field names")
    func roundTrip() throws {
        let header = MessageHeader(messageID: "m-1", session: "s-1", username: "kernel", date: instant, messageType: "status")
        #expect(header.version == "5.3")
        let object = header.jsonObject
        #expect(Set(object.keys) == ["msg_id", "session", "username", "date", "msg_type", "version"])
        #expect(try MessageHeader(jsonObject: object) == header)
        let decoded = try JSONDecoder().decode(MessageHeader.self, from: JSONEncoder().encode(header))
        #expect(decoded == header)
    }

    @Test("a missing field is named in the error")
    func missingField() {
        var object = MessageHeader(session: "s", messageType: "status").jsonObject
        object["msg_type"] = nil
        #expect(throws: WireError.missingHeaderField("msg_type", frame: .header)) {
            try MessageHeader(jsonObject: object)
        }
        #expect(
            WireError.missingHeaderField("msg_type", frame: .header).description
                == #"missing field "msg_type" in the header frame"#)
    }

    @Test("a field of the wrong type or a bad date is named in the error")
    func invalidField() {
        var object = MessageHeader(session: "s", messageType: "status").jsonObject
        object["session"] = 7
        let wrongType = WireError.invalidHeaderField("session", frame: .parentHeader, expected: "a string", found: "a number")
        #expect(throws: wrongType) { try MessageHeader(jsonObject: object, frame: .parentHeader) }
        #expect(wrongType.description == #"field "session" in the parent_header frame must be a string, not a number"#)

        object["session"] = "s"
        object["date"] = "yesterday"
        #expect(throws: WireError.self) { try MessageHeader(jsonObject: object) }
        #expect(
            WireError.invalidHeaderField("date", frame: .header, expected: "an ISO 8601 date-time", found: #""yesterday""#)
                .description == #"field "date" in the header frame must be an ISO 8601 date-time, not "yesterday""#)
    }
}
