import Foundation
import Testing

@testable import DynamicJSON

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

    @Test("integers stay integers through a round trip; integral doubles are read as integers")
    func integerRoundTrip() throws {
        let value = try JSONValue(parsing: Data(#"{"count": 7, "big": 9007199254740993, "half": 0.5, "whole": 2.0}"#.utf8))
        #expect(value["count"] == .int(7))
        #expect(value["big"] == .int(9_007_199_254_740_993))
        #expect(value["half"] == .double(0.5))
        #expect(value["whole"] == .int(2))
        #expect(try JSONValue(parsing: Data("[-0.0]".utf8))[0]?.doubleValue?.sign == .minus)
        #expect(String(decoding: value.serialized(), as: UTF8.self) == #"{"big":9007199254740993,"count":7,"half":0.5,"whole":2}"#)
    }

    @Test("pretty printing writes JSONSerialization's layout: two spaces, ' : ', empty containers on two lines")
    func prettyLayout() {
        let value: JSONValue = ["b": [], "a": ["x": [1, "s/t"]], "c": [:]]
        let expected = """
            {
              "a" : {
                "x" : [
                  1,
                  "s/t"
                ]
              },
              "b" : [

              ],
              "c" : {

              }
            }
            """
        #expect(String(decoding: value.prettyPrinted(), as: UTF8.self) == expected)
    }

    @Test("pretty printing writes integral doubles without .0 and non-finite ones as null, as JSONSerialization did")
    func prettyNumbers() {
        let value: JSONValue = [.double(2.0), .double(0.1), .double(1e21), .double(-0.0), .int(3), .double(.nan)]
        let expected = "[\n  2,\n  0.1,\n  1e+21,\n  -0,\n  3,\n  null\n]"
        #expect(String(decoding: value.prettyPrinted(), as: UTF8.self) == expected)
    }

    @Test("pretty printing sorts keys in Foundation's collation: numeric and case-insensitive")
    func prettyKeyOrder() throws {
        let keys = ["trainCount", "train_loss", "a10", "a2", "ExecuteTime", "collapsed", "B", "a"]
        let value = JSONValue.object(Dictionary(uniqueKeysWithValues: keys.map { ($0, JSONValue.null) }))
        let text = String(decoding: value.prettyPrinted(), as: UTF8.self)
        let written = text.split(separator: "\n").dropFirst().dropLast().map { $0.split(separator: "\"")[1] }
        #expect(written == ["a", "a2", "a10", "B", "collapsed", "ExecuteTime", "train_loss", "trainCount"])
    }

    @Test("pretty printing gives the bytes JSONSerialization gives for the same document")
    func prettyMatchesFoundation() throws {
        let text = #"{"cells": [{"metadata": {"Zed": null, "tags": ["x"], "n": 1.5, "m": 1e-07}, "outputs": [], "source": "a\u0001/é"}], "nbformat": 4}"#
        let foundation = try JSONSerialization.data(
            withJSONObject: JSONSerialization.jsonObject(with: Data(text.utf8)), options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        #expect(try JSONValue(parsing: Data(text.utf8)).prettyPrinted() == foundation)
    }
}
