import ArgumentParser
import Foundation
import NotebookRunner
import SwiftSession

/// `swift-margin run NOTEBOOK.ipynb`: executes a notebook headlessly through a Swift session
/// and writes the executed notebook beside it as NOTEBOOK.out.ipynb (or to `-o OUT.ipynb`,
/// or over the input with `--in-place`).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a notebook's cells without a browser and write the executed notebook.",
        discussion: """
            The executed notebook goes to NAME.out.ipynb beside NAME.ipynb unless -o or \
            --in-place says otherwise. Parameters (-p name=value) are injected after the cell \
            tagged 'parameters', as papermill does: a value must be of the type the parameters \
            cell declares or gives its default (let steps = 10 is an Int), and a name it does \
            not declare is injected with a warning.
            """)

    @Argument(help: "The notebook to run (nbformat 4).")
    var notebook: String
    @Option(name: .shortAndLong, help: "Where to write the executed notebook (default: NAME.out.ipynb beside NAME.ipynb).")
    var output: String?
    @Flag(help: "Write the executed notebook over the input.")
    var inPlace = false
    @Option(name: .shortAndLong, parsing: .singleValue, help: "A parameter, name=value (repeatable).")
    var parameter: [String] = []
    @Flag(help: "Run every cell even after one fails (the run still exits non-zero).")
    var allowErrors = false
    @Flag(name: .shortAndLong, help: "Do not echo the cells' printed output.")
    var quiet = false

    /// Rejects --in-place with -o: they name two different outputs.
    func validate() throws {
        if inPlace && output != nil {
            throw ValidationError("--in-place writes over the input; it cannot be given with -o/--output")
        }
    }

    func run() throws {
        let input = URL(fileURLWithPath: notebook)
        let destination = output.map { URL(fileURLWithPath: $0) } ?? (inPlace ? input : Self.defaultOutput(for: input))
        let parameters = try NotebookParameters(arguments: parameter)
        var document = try NotebookDocument(contentsOf: input)
        try Self.checkFolder(of: destination)
        // Parameters are checked (and injected) before the session starts: a wrong value fails at once.
        for warning in try NotebookRunner.inject(parameters, into: &document) {
            FileHandle.standardError.write(Data((warning + "\n").utf8))
        }
        let session = try SwiftSession(configuration: SessionSetup.configuration())
        defer { session.close() }
        let echo: ((String) -> Void)? = quiet ? nil : { text in FileHandle.standardError.write(Data(text.utf8)) }
        let report = NotebookRunner(session: session, continueOnError: allowErrors, echo: echo).run(&document)
        try document.serialized().write(to: destination)
        if let (index, failure) = report.failure {
            var message = "cell \(index + 1) failed: \(failure.name): \(failure.message)\n"
            message += failure.details.map { "    \($0)\n" }.joined()
            message += "the executed notebook (with the error) is in \(destination.path)\n"
            FileHandle.standardError.write(Data(message.utf8))
            throw ExitCode(1)
        }
        print("ran \(report.cellsRun) cells; wrote \(destination.path)")
    }

    /// Fails before any cell runs when the executed notebook could not be written at the end:
    /// its folder is missing or is not a folder.
    static func checkFolder(of destination: URL) throws {
        let folder = destination.deletingLastPathComponent()
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("cannot write the executed notebook to \(destination.path): the folder \(folder.path) does not exist")
        }
    }

    /// NAME.out.ipynb beside NAME.ipynb (a name without the .ipynb extension keeps it whole:
    /// NAME.json gives NAME.json.out.ipynb).
    static func defaultOutput(for input: URL) -> URL {
        let base = input.pathExtension == "ipynb" ? input.deletingPathExtension() : input
        return base.deletingLastPathComponent().appendingPathComponent(base.lastPathComponent + ".out.ipynb")
    }
}
