import Foundation
import SwiftSession

/// Runs a notebook's code cells in order through a Swift session, headlessly, and puts each
/// cell's outputs and execution count into the notebook (nbformat 4), and the state of the
/// widgets the cells left open into its metadata (as nbclient does).
///
///     var notebook = try NotebookDocument(contentsOf: input)
///     let warnings = try NotebookRunner.inject(parameters, into: &notebook)   // before starting the session
///     let report = NotebookRunner(session: session).run(&notebook)
///     try notebook.serialized().write(to: output)
public struct NotebookRunner {
    /// What a run did.
    public struct Report {
        /// Code cells run.
        public var cellsRun = 0
        /// The first failure (the run stops there unless errors are allowed): its cell index
        /// and the failure.
        public var failure: (cellIndex: Int, failure: CellFailure)?
    }

    private let session: SwiftSession
    private let continueOnError: Bool
    private let echo: ((String) -> Void)?

    /// A runner on `session`; with `continueOnError`, failing cells do not stop the run;
    /// `echo` receives printed text as it appears (for a terminal), if given.
    public init(session: SwiftSession, continueOnError: Bool = false, echo: ((String) -> Void)? = nil) {
        self.session = session
        self.continueOnError = continueOnError
        self.echo = echo
    }

    /// Runs every code cell of `notebook`, replacing outputs and execution counts. Cells after
    /// a stopping failure keep no outputs and no count.
    public func run(_ notebook: inout NotebookDocument) -> Report {
        var cells = notebook.cells
        var report = Report()
        var executionCount = 0
        let widgets = WidgetStateRecord()
        let earlier = EarlierDisplays()
        var executionCounts: [Int: Int] = [:]
        for index in cells.indices where cells[index].isCode {
            cells[index].setOutputs([], executionCount: nil)
            if report.failure != nil && !continueOnError { continue }
            let source = cells[index].source
            if source.allSatisfy(\.isWhitespace) { continue }
            executionCount += 1
            let outputs = NotebookOutputs(echo: echo, widgets: widgets, earlier: earlier)
            switch session.execute(source, executionCount: executionCount, output: outputs) {
            case .completed(let result):
                if let result { outputs.appendResult(result, executionCount: executionCount) }
            case .failed(let failure):
                outputs.appendError(failure)
                if report.failure == nil { report.failure = (index, failure) }
            }
            earlier.add(cell: index, outputs: outputs.outputs, displayIDs: outputs.displayIDs)
            executionCounts[index] = executionCount
            report.cellsRun += 1
        }
        // Set at the end: a later cell may have updated an earlier cell's display.
        for (index, outputs) in earlier.outputsByCell {
            cells[index].setOutputs(outputs, executionCount: executionCounts[index])
        }
        notebook.cells = cells
        notebook.widgetState = widgets.notebookMetadata
        return report
    }

    /// Inserts the parameters cell after the cell tagged `parameters` (at the top if none),
    /// replacing an earlier injected cell, as papermill does; nothing when `parameters` is empty.
    /// Returns a warning for each parameter the notebook does not declare; throws, naming the
    /// parameter, when a value is not of its declared type (before anything runs).
    @discardableResult
    public static func inject(_ parameters: NotebookParameters, into notebook: inout NotebookDocument) throws(NotebookError) -> [String] {
        guard !parameters.values.isEmpty else { return [] }
        let declared = notebook.declaredParameters
        let source = try parameters.injectedSource(declared: declared)
        var cells = notebook.cells
        cells.removeAll { $0.tags.contains("injected-parameters") }
        let parametersIndex = cells.firstIndex { $0.tags.contains("parameters") }
        cells.insert(.injectedParameters(source: source), at: parametersIndex.map { $0 + 1 } ?? 0)
        notebook.cells = cells
        return parameters.unknownNameWarnings(declared: declared)
    }
}
