import Foundation
import Testing
@testable import SwiftSession

@Suite struct OutputFileTests {
    @Test func readsInPiecesWithinALimitAndSkipsTheRest() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("output-\(UUID()).txt").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var file = try OutputFile(path: path)
        let appender = try file.openForAppending()
        defer { close(appender) }
        func append(_ text: String) { _ = text.withCString { write(appender, $0, strlen($0)) } }
        append("hello ")
        #expect(file.read(upTo: nil) == "hello ")
        append("world, and more")
        // After the first read, an unlimited read goes on from where it stopped.
        #expect(file.read(upTo: nil, maxBytes: 5) == "world")
        #expect(file.skip(upTo: nil) == 10)
        append("!")
        #expect(file.read(upTo: nil) == "!")
        file.restart()
        #expect(file.read(upTo: nil) == "")
    }
}
