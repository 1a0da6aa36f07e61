import ArgumentParser
import Foundation
import NotebookRunner
import SwiftSession

/// `swift-margin run NOTEBOOK.ipynb`: executes a notebook headlessly through a Swift session
/// and writes the outputs into it (or into `-o OUT.ipynb`).
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a notebook's cells without a browser and write their outputs into the notebook.",
        discussion: "Parameters (-p name=value) are injected after the cell tagged 'parameters', as papermill does.")

    @Argument(help: "The notebook to run (nbformat 4).")
    var notebook: String
    @Option(name: .shortAndLong, help: "Where to write the executed notebook (default: over the input).")
    var output: String?
    @Option(name: .shortAndLong, parsing: .singleValue, help: "A parameter, name=value (repeatable).")
    var parameter: [String] = []
    @Flag(help: "Run every cell even after one fails (the run still exits non-zero).")
    var allowErrors = false
    @Flag(name: .shortAndLong, help: "Do not echo the cells' printed output.")
    var quiet = false

    func run() throws {
        let input = URL(fileURLWithPath: notebook)
        let destination = URL(fileURLWithPath: output ?? notebook)
        let parameters = try NotebookParameters(arguments: parameter)
        var document = try NotebookDocument(contentsOf: input)
        let session = try SwiftSession(configuration: SessionSetup.configuration())
        defer { session.close() }
        let echo: ((String) -> Void)? = quiet ? nil : { text in FileHandle.standardError.write(Data(text.utf8)) }
        let report = NotebookRunner(session: session, continueOnError: allowErrors, echo: echo).run(&document, parameters: parameters)
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
}
