import Foundation
import Testing

@testable import JupyterWire

@Suite("JSONValue")
struct JSONValueTests {
    @Test("integral numbers decode as int, others as double, booleans stay booleans")
    func numberKinds() throws {
        let value = try JSONValue(parsing: Data(#"{"n": 3, "x": 2.5, "t": true, "z": null, "s": "hi"}"#.utf8))
        #expect(value == ["n": 3, "x": 2.5, "t": true, "z": nil, "s": "hi"])
        #expect(value["n"]?.intValue == 3)
        #expect(value["x"]?.doubleValue == 2.5)
        #expect(value["t"]?.boolValue == true)
        #expect(value["z"]?.isNull == true)
    }

    @Test("serialization is compact with sorted keys, as Python's json.dumps(sort_keys=True, separators=(',', ':'))")
    func serialization() {
        let value: JSONValue = ["b": 1, "a": [true, nil, 0.5], "c": ["y": "z"]]
        #expect(String(decoding: value.serialized(), as: UTF8.self) == #"{"a":[true,null,0.5],"b":1,"c":{"y":"z"}}"#)
    }

    @Test("strings escape quotes, backslashes and control characters and keep other text as UTF-8")
    func stringEscapes() {
        // Expected text from python3: json.dumps({'s': 'a"b\\c\n\t\x01é'}, ensure_ascii=False, separators=(',', ':'))
        let value: JSONValue = ["s": .string("a\"b\\c\n\t\u{01}é")]
        #expect(String(decoding: value.serialized(), as: UTF8.self) == #"{"s":"a\"b\\c\n\t\u0001é"}"#)
    }

    @Test("non-finite doubles are written as null")
    func nonFinite() {
        #expect(String(decoding: JSONValue.array([.double(.nan), .double(.infinity)]).serialized(), as: UTF8.self) == "[null,null]")
    }

    @Test("serialized text parses back to an equal value")
    func roundTrip() throws {
        let value: JSONValue = ["data": ["text/plain": "1\n"], "list": [1, -2, 3.25, "x", [:], []], "ok": false]
        #expect(try JSONValue(parsing: value.serialized()) == value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(value)) == value)
    }

    @Test("subscripts read and write object members and array elements")
    func subscripts() {
        var value: JSONValue = [:]
        value["status"] = "ok"
        value["items"] = [10, 20]
        #expect(value["status"]?.stringValue == "ok")
        #expect(value["items"]?[1] == 20)
        #expect(value["items"]?[2] == nil)
        #expect(value["missing"] == nil)
        #expect(JSONValue.string("x")["key"] == nil)
    }
}
