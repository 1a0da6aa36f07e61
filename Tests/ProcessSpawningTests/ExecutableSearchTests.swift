import Foundation
import ProcessSpawning
import Testing

@Suite("findExecutable")
struct ExecutableSearchTests {
    @Test("a program on PATH is found by name; a missing one is nil")
    func onPath() throws {
        let shell = try #require(findExecutable(named: "sh"))
        #expect(shell.hasSuffix("/sh"))
        #expect(access(shell, X_OK) == 0)
        #expect(findExecutable(named: "no-such-program-\(UUID().uuidString)") == nil)
    }

    @Test("the fallback folders are searched after PATH")
    func fallbackFolders() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "tool-\(UUID().uuidString)"
        let tool = folder.appendingPathComponent(name).path
        #expect(FileManager.default.createFile(atPath: tool, contents: Data("#!/bin/sh\n".utf8)))
        #expect(chmod(tool, 0o644) == 0)
        #expect(findExecutable(named: name, fallbackFolders: [folder.path]) == nil)
        #expect(chmod(tool, 0o755) == 0)
        #expect(findExecutable(named: name, fallbackFolders: [folder.path]) == tool)
    }
}
