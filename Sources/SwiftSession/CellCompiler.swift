#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ProcessSpawning

/// Compiles one cell's generated source into a shared library with `swiftc`.
struct CellCompiler {
    let compilerPath: String
    let moduleSearchArguments: [String]
    /// The session's folder: sources, libraries and cell modules live here.
    let directory: URL

    /// What a compile produced.
    enum Result {
        case library(path: String, symbolGraph: URL?)
        case failed(CompilerDiagnostics)
        case interrupted
    }

    /// The swiftc arguments for a cell (without the compiler's own path).
    func arguments(moduleName: String, sourceFile: URL, exportsDeclarations: Bool, optimize: Bool) -> [String] {
        var arguments = [
            "-emit-library", "-parse-as-library", "-enable-testing", "-swift-version", "5",
            optimize ? "-O" : "-Onone",
            "-gline-tables-only",  // a trap's stack trace is mapped to the cell's lines (CellBacktrace)
            "-module-name", moduleName,
            "-o", libraryPath(moduleName),
            "-I", directory.path,
            "-diagnostic-style", "llvm", "-no-color-diagnostics", "-suppress-warnings",
        ] + linkerArguments + moduleSearchArguments
        if exportsDeclarations {
            arguments += [
                "-emit-module-path", directory.appendingPathComponent("\(moduleName).swiftmodule").path,
                "-emit-symbol-graph", "-emit-symbol-graph-dir", symbolGraphDirectory(moduleName).path,
                "-symbol-graph-minimum-access-level", "internal",
            ]
        }
        return arguments + [sourceFile.path]
    }

    /// lld when the toolchain ships it: it links a cell about 70 ms faster than the default.
    private var linkerArguments: [String] {
        let lld = URL(fileURLWithPath: compilerPath).deletingLastPathComponent().appendingPathComponent("ld.lld").path
        return FileManager.default.isExecutableFile(atPath: lld) ? ["-use-ld=lld"] : []
    }

    /// Writes `source` and compiles it; `isCancelled` is polled so an interrupt stops swiftc.
    func compile(source: String, moduleName: String, exportsDeclarations: Bool, optimize: Bool, isCancelled: () -> Bool) -> Result {
        let sourceFile = directory.appendingPathComponent("\(moduleName).swift")
        do {
            try source.write(to: sourceFile, atomically: false, encoding: .utf8)
        } catch {
            return .failed(CompilerDiagnostics(compilerOutput: "cannot write \(sourceFile.path): \(error)"))
        }
        let command = [compilerPath] + arguments(
            moduleName: moduleName, sourceFile: sourceFile, exportsDeclarations: exportsDeclarations, optimize: optimize)
        // The exact command beside the source, so a compile can be repeated by hand (or timed).
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        if let json = try? encoder.encode(command) {
            try? json.write(to: directory.appendingPathComponent("\(moduleName).command"))
        }
        let run = ToolRun(arguments: command)
        switch run.wait(isCancelled: isCancelled) {
        case .cancelled:
            return .interrupted
        case .finished(let status, _) where status == 0:
            let graph = exportsDeclarations
                ? symbolGraphDirectory(moduleName).appendingPathComponent("\(moduleName).symbols.json") : nil
            return .library(path: libraryPath(moduleName), symbolGraph: graph)
        case .finished(_, let output):
            return .failed(CompilerDiagnostics(compilerOutput: output))
        case .couldNotStart(let reason):
            return .failed(CompilerDiagnostics(compilerOutput: reason))
        }
    }

    private func libraryPath(_ moduleName: String) -> String {
        directory.appendingPathComponent("lib\(moduleName).so").path
    }

    private func symbolGraphDirectory(_ moduleName: String) -> URL {
        directory.appendingPathComponent("\(moduleName).symbols")
    }
}

/// A command-line tool run to completion with its standard output and error captured together.
struct ToolRun {
    let arguments: [String]

    enum Ending {
        case finished(status: Int32, output: String)
        case cancelled
        case couldNotStart(String)
    }

    /// Runs the tool; every 50 ms `isCancelled` is asked, and a true answer kills the tool.
    func wait(isCancelled: () -> Bool = { false }) -> Ending {
        let output: CloseOnExecPipe
        let child: ChildProcess
        do {
            output = try CloseOnExecPipe()
            child = try ChildProcess.spawn(
                arguments: arguments, environment: ProcessInfo.processInfo.environment,
                descriptors: [1: output.writeEnd, 2: output.writeEnd])
        } catch {
            return .couldNotStart(error.description)
        }
        close(output.writeEnd)
        var drain = PipeDrain()
        drain.read(output.readEnd)
        let ending = drain.run(checkEvery: .milliseconds(50), shouldStop: isCancelled)
        drain.closeAll()
        if ending == .stopped {
            child.kill(withDescendants: true)  // the driver and the swift-frontend processes it started
            return .cancelled
        }
        let bytes = drain.bytes(of: output.readEnd)
        let status = child.waitForExit()
        return .finished(status: status, output: String(decoding: bytes, as: UTF8.self))
    }
}
