import Foundation

/// Runs swiftc on generated sources so tests can check what the compiler says about them.
enum SwiftCompiler {
    static let swiftc = "/opt/swift/usr/bin/swiftc"

    /// One diagnostic line of swiftc's output: `file:line:column: severity: message`.
    struct Diagnostic: Equatable, CustomStringConvertible {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
        var description: String { "\(file):\(line):\(column): \(severity): \(message)" }
    }

    /// The output of one swiftc (or program) run.
    struct Output {
        var status: Int32
        var text: String
    }

    /// A fresh directory for one compilation.
    static func scratchDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("cell-syntax-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Runs `executable` with `arguments` in `directory`, stdout and stderr together.
    static func run(_ executable: String, _ arguments: [String], in directory: URL) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }

    /// Typechecks `source` as a library file (`-parse-as-library -swift-version 5`) and returns
    /// the errors and warnings swiftc reports, in order.
    static func typecheck(_ source: String, extraArguments: [String] = [], in given: URL? = nil) throws -> [Diagnostic] {
        let directory = try given ?? scratchDirectory()
        defer { if given == nil { try? FileManager.default.removeItem(at: directory) } }
        let file = directory.appendingPathComponent("cell.swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let output = try run(swiftc, ["-typecheck", "-parse-as-library", "-swift-version", "5",
                                      "-diagnostic-style", "llvm"] + extraArguments + [file.path], in: directory)
        return diagnostics(in: output.text)
    }

    /// Builds `source` into an executable (it must contain `@main`), runs it and returns what it printed.
    static func buildAndRun(_ source: String) throws -> String {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("cell.swift")
        try source.write(to: file, atomically: true, encoding: .utf8)
        let build = try run(swiftc, ["-parse-as-library", "-swift-version", "5", "-Onone", file.path,
                                     "-o", directory.appendingPathComponent("cell").path], in: directory)
        guard build.status == 0 else { return "build failed:\n" + build.text }
        return try run(directory.appendingPathComponent("cell").path, [], in: directory).text
    }

    /// The `file:line:column: severity: message` lines of swiftc's output (llvm diagnostic style).
    static func diagnostics(in output: String) -> [Diagnostic] {
        output.split(separator: "\n").compactMap { line in
            for severity in ["error", "warning"] {
                guard let marker = line.range(of: ": \(severity): ") else { continue }
                let location = line[..<marker.lowerBound].split(separator: ":", omittingEmptySubsequences: false)
                guard location.count >= 3, let lineNumber = Int(location[location.count - 2]),
                      let column = Int(location[location.count - 1]) else { continue }
                return Diagnostic(file: location.dropLast(2).joined(separator: ":"), line: lineNumber, column: column,
                                  severity: severity, message: String(line[marker.upperBound...]))
            }
            return nil
        }
    }
}
