import CellSyntax
import ExecutorLink
import Foundation
import NotebookDisplay
import Synchronization

/// A persistent Swift session: every cell is compiled into a shared library that sees what
/// earlier cells declared, and is run in an executor process that keeps the state. A cell
/// that fails to compile, traps, exits or is interrupted leaves the session as it was.
///
///     let session = try SwiftSession(configuration: configuration)
///     session.execute("var x = 20", executionCount: 1, output: printer)
///     session.execute("x + 22", executionCount: 2, output: printer)   // .completed(result: "42")
public final class SwiftSession {
    private let configuration: SessionConfiguration
    private var directory: URL
    private var executor: ExecutorProcess
    private var symbols = SessionSymbolTable()
    /// The `import` declarations of the cells that compiled, oldest first, each once: every
    /// later cell starts with them, as the cells of a REPL see what an earlier one imported.
    private var carriedImports: [String] = []
    private var cellCounter = 0
    private var optimize = false
    /// The most bytes of text a cell may send (nil: no limit); `%output_limit` changes it.
    private var outputLimit: Int64?
    /// Where `%keep_output` appends every cell's whole output, if anywhere.
    private var keptOutputPath: String?
    private var apiIndex: APIIndex?
    /// Completion and inspection from sourcekit-lsp, started on first use.
    private lazy var editorHelp = EditorHelp(compilerPath: configuration.compilerPath)
    /// What sourcekit-lsp needs to see a cell as it would be compiled now, with every name of
    /// the session imported (the cell being typed may mention any of them).
    private var editorWorkspace: EditorHelp.Workspace {
        EditorHelp.Workspace(
            sessionDirectory: directory, moduleSearchArguments: configuration.moduleSearchArguments,
            preamble: configuration.preloadedImports + carriedImports
                + symbols.importLines(mentioning: Set(symbols.visibleEntries.map(\.name))))
    }
    /// Set by `interrupt()` (any thread) while a cell compiles; the compile loop polls it.
    private let compileInterrupted = Atomic<Bool>(false)
    private let phase = Mutex<Phase>(.idle)
    /// How many runs (cells and comm events) the session has started: each run's number goes
    /// into the ids it hands out (`DisplayID`), and this count is never rolled back.
    private let runCount = Mutex(0)

    private func nextRunNumber() -> Int { runCount.withLock { $0 += 1; return $0 } }

    private enum Phase { case idle, compiling, running }

    /// Starts the executor process and makes the session's folder.
    public init(configuration: SessionConfiguration) throws(SessionSetupError) {
        self.configuration = configuration
        directory = try Self.makeDirectory(in: configuration.scratchDirectory)
        outputLimit = configuration.outputLimit
        executor = try ExecutorProcess(
            command: configuration.executorCommand, environment: configuration.executorEnvironment, directory: directory)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs one cell (Swift, or a magic such as `%time`), sending its output as it appears.
    /// `executionCount` names the cell in diagnostics ("Cell In[3]:2:5: error: ...").
    public func execute(_ code: String, executionCount: Int, output: SessionOutput) -> CellOutcome {
        compileInterrupted.store(false, ordering: .relaxed)
        let label = "Cell In[\(executionCount)]"
        let steps: [CellStep]
        do {
            steps = try CellStep.steps(of: code)
        } catch {
            return .failed(error)
        }
        // Each step runs after the one before it completed; the cell's result is the last step's.
        var outcome = CellOutcome.completed(result: nil)
        for step in steps {
            switch step {
            case .swift(let swift): outcome = runSwift(swift, label: label, output: output).outcome
            case .magic(let magic): outcome = carryOut(magic, label: label, output: output)
            }
            if case .failed = outcome { return outcome }
        }
        return outcome
    }

    /// Carries out one magic of a cell labelled `label`.
    private func carryOut(_ magic: SessionMagic, label: String, output: SessionOutput) -> CellOutcome {
        switch magic {
        case .time(let code):
            let run = runSwift(code, label: label, output: output)
            output.standardOutput("compile: \(DurationText.describe(run.compileSeconds)), run: \(DurationText.describe(run.runSeconds))\n")
            return run.outcome
        case .timeit(let code):
            return runSwift("try __timeCell { " + code + "\n}", label: label, output: output).outcome
        case .who:
            output.standardOutput(whoTable())
            return .completed(result: nil)
        case .reset:
            do {
                try reset()
            } catch {
                return .failed(CellFailure(name: "SessionError", message: error.description))
            }
            output.standardOutput("The session was reset: every name is gone.\n")
            return .completed(result: nil)
        case .outputLimit(let bytes):
            outputLimit = bytes
            output.standardOutput(bytes.map { "A cell now shows at most \(ByteCountText.describe($0)) of text.\n" }
                ?? "A cell's text output is no longer limited.\n")
            return .completed(result: nil)
        case .keepOutput(let path):
            keptOutputPath = path
            output.standardOutput(path.map { "Every cell's whole output is now appended to \($0).\n" }
                ?? "Cells' output is no longer kept in a file.\n")
            return .completed(result: nil)
        case .optimize(let on):
            optimize = on
            output.standardOutput(on ? "Cells now compile with -O.\n" : "Cells now compile without optimisation (-Onone).\n")
            return .completed(result: nil)
        case .include(let path, let rest):
            guard let included = try? String(contentsOfFile: path, encoding: .utf8) else {
                return .failed(CellFailure(name: "MagicError", message: "%include cannot read \(path) (relative paths start at \(FileManager.default.currentDirectoryPath))"))
            }
            return runSwift(included + "\n" + rest, label: "\(label) (including \(path))", output: output).outcome
        case .help:
            output.standardOutput(SessionMagic.helpText)
            return .completed(result: nil)
        case .inspect(let name):
            guard let text = inspection(of: name, cursor: name.unicodeScalars.count) else {
                return .failed(CellFailure(
                    name: "NameError", message: "\(name) is not a name of the session or of its modules"))
            }
            output.standardOutput(text + "\n")
            return .completed(result: nil)
        }
    }

    /// Delivers a comm event from the front end (a widget's new value, a click, a comm the
    /// front end opens) to the handler a cell registered, run like a cell: its output goes to
    /// `output`, what it changes stays in the session, and if it traps the session is as before,
    /// its error goes to `output`'s standard error, an Output widget it left capturing
    /// (`Output.capture`) is set back, and the comms it opened are closed.
    public func deliverComm(_ event: CommEvent, output: SessionOutput) -> CommDelivery {
        let recorder = CommOpenRecorder(passingTo: output)
        phase.withLock { $0 = .running }
        defer { phase.withLock { $0 = .idle } }
        guard let run = executor.run(
            .deliverComm(event, parentMessageID: output.parentMessageID ?? "", runNumber: nextRunNumber()), output: recorder, gracePeriod: configuration.interruptGracePeriod, outputLimit: outputLimit)
        else {
            return .failed(executorLost())
        }
        if let failure = failure(of: run, label: "the handler of comm \(event.commID)") {
            // The error first, then an Output widget the handler left capturing stops: it
            // captures the error, as it would have the handler's own output.
            output.standardError(failure.traceback.joined(separator: "\n") + "\n")
            recorder.stopCaptures()
            recorder.closeOpenedComms()
            return .failed(failure)
        }
        return run.commAccepted == true ? .accepted : .noHandler
    }

    /// Asks the running cell to stop (see `SessionConfiguration.interruptGracePeriod`), or
    /// stops the compiler if the cell is still compiling. Safe to call from any thread.
    public func interrupt() {
        switch phase.withLock({ $0 }) {
        case .idle: return
        case .compiling: compileInterrupted.store(true, ordering: .relaxed)
        case .running: executor.interrupt()
        }
    }

    /// Ends the executor processes now (the session cannot run cells afterwards).
    public func close() {
        executor.terminate()
    }

    /// Forgets every cell: a new executor process and an empty name table.
    public func reset() throws(SessionSetupError) {
        let newDirectory = try Self.makeDirectory(in: configuration.scratchDirectory)
        let newExecutor = try ExecutorProcess(
            command: configuration.executorCommand, environment: configuration.executorEnvironment, directory: newDirectory)
        try? FileManager.default.removeItem(at: directory)
        directory = newDirectory
        executor = newExecutor
        symbols = SessionSymbolTable()
        carriedImports = []
    }

    /// Whether `code` is a complete cell, needs more lines, or cannot be Swift.
    public func completeness(of code: String) -> CellCompleteness.Verdict {
        let steps = (try? CellStep.steps(of: code)) ?? []
        if steps.contains(where: { if case .magic = $0 { true } else { false } }) { return .complete }
        return CellCompleteness.verdict(for: code)
    }

    /// Completions at `cursor` (in unicode scalars), with each match's kind and signature:
    /// from sourcekit-lsp (`EditorHelp`) when it answers in time; otherwise session names,
    /// the preloaded modules' API, Swift keywords, and after a dot the members of the type of
    /// a session name or of a project type (from symbol graphs, without types).
    public func completions(in code: String, cursor: Int) -> (matches: [String], start: Int, end: Int, types: [TypedCompletion]) {
        if let found = editorHelp.completions(in: code, cursor: cursor, workspace: editorWorkspace), !found.matches.isEmpty {
            return (found.matches.map(\.text), found.start, found.end, found.matches)
        }
        let context = CompletionContext.at(code, cursor: cursor)
        let index = loadedAPIIndex()
        var candidates: [String] = []
        if let base = context.memberBase {
            let typeName = typeName(of: base)
            let memberSymbols = (symbols.members[typeName] ?? []) + (index.members[typeName] ?? [])
            candidates = memberSymbols.map(\.baseName).filter { !$0.hasPrefix("init") }
        } else {
            candidates = symbols.visibleEntries.map(\.name) + Array(index.topLevel.keys)
                + SwiftVocabulary.keywords + SwiftVocabulary.standardLibrary
        }
        let sorted = Set(candidates.filter { $0.hasPrefix(context.prefix) && !$0.hasPrefix("_") }).sorted()
        let matches = sorted.filter { !TypedCompletion.protocolNoise.contains($0) }
            + sorted.filter { TypedCompletion.protocolNoise.contains($0) }
        return (matches, context.start, context.end, [])
    }

    /// The declaration and documentation of the name at `cursor` (every overload), as plain
    /// text, or nil: from sourcekit-lsp when it answers in time, else from symbol graphs.
    /// With the cursor inside a call's parentheses and not on a name, the callee's; a type's
    /// initializers follow its documentation.
    public func inspection(of code: String, cursor: Int) -> String? {
        let cursor = InspectionTarget.nameEnd(in: code, cursor: cursor) ?? cursor
        guard let text = declarationText(of: code, cursor: cursor) else { return nil }
        let typeKeywords = ["struct ", "class ", "final class ", "enum ", "actor "]
        guard typeKeywords.contains(where: text.hasPrefix), let target = InspectionTarget.at(code, cursor: cursor) else {
            return text
        }
        let owner = typeName(of: target)
        let initializers = ((symbols.members[owner] ?? []) + (loadedAPIIndex().members[owner] ?? []))
            .filter { $0.baseName == "init" }
        guard !initializers.isEmpty else { return text }
        let described = initializers.map { initializer in
            // The first paragraph of each initializer's documentation.
            let summary = initializer.documentation?.components(separatedBy: "\n\n").first
            return [initializer.declaration, summary].compactMap { $0 }.joined(separator: "\n")
        }
        return text + "\n\n" + (initializers.count == 1 ? "Its initializer:" : "Its \(initializers.count) initializers:")
            + "\n\n" + described.joined(separator: "\n\n")
    }

    /// What `inspection(of:cursor:)` says of the name ending at `cursor`, before initializers.
    private func declarationText(of code: String, cursor: Int) -> String? {
        if let found = editorHelp.inspection(of: code, cursor: cursor, workspace: editorWorkspace) { return found }
        guard let target = InspectionTarget.at(code, cursor: cursor) else { return nil }
        let parts = target.split(separator: ".").map(String.init)
        if parts.count == 1, let entry = symbols.lookup(parts[0]) {
            return [entry.declaration, entry.documentation].compactMap { $0 }.joined(separator: "\n\n")
        }
        let index = loadedAPIIndex()
        let found: [SymbolGraph.Symbol]
        if parts.count >= 2 {
            let owner = typeName(of: parts.dropLast().joined(separator: "."))
            found = ((symbols.members[owner] ?? []) + (index.members[owner] ?? [])).filter { $0.baseName == parts.last! }
        } else {
            found = index.topLevel[parts[0]] ?? []
        }
        guard !found.isEmpty else { return nil }
        return found.prefix(4).map { [$0.declaration, $0.documentation].compactMap { $0 }.joined(separator: "\n") }
            .joined(separator: "\n\n")
    }

    // MARK: - Running Swift

    private struct Run {
        var outcome: CellOutcome
        var compileSeconds: Double = 0
        var runSeconds: Double = 0
    }

    private func runSwift(_ code: String, label: String, output: SessionOutput) -> Run {
        let analysis = CellAnalyzer.analyze(code)
        if !analysis.syntaxErrors.isEmpty {
            return Run(outcome: .failed(syntaxFailure(analysis.syntaxErrors, code: code, label: label)))
        }
        cellCounter += 1
        let moduleName = "Cell\(cellCounter)"
        let entrySymbol = "swift_margin_cell_\(cellCounter)"
        let source: String
        do {
            source = try CellLibrarySource.generate(analysis, options: CellLibraryOptions(
                preamble: configuration.preloadedImports + carriedImports
                    + symbols.importLines(mentioning: SessionSymbolTable.identifiers(in: code)),
                fileLabel: label, entrySymbol: entrySymbol,
                resultFunction: "__publishCellResult", errorFunction: "__reportCellError",
                awaitFunction: "__awaitCell", earlierDefinitions: symbols.newestModules))
        } catch {
            return Run(outcome: .failed(syntaxFailure(error.diagnostics, code: code, label: label)))
        }
        let compiler = CellCompiler(
            compilerPath: configuration.compilerPath, moduleSearchArguments: configuration.moduleSearchArguments,
            directory: directory)
        phase.withLock { $0 = .compiling }
        defer { phase.withLock { $0 = .idle } }
        let compileStart = ContinuousClock.now
        let compiled = compiler.compile(
            source: source, moduleName: moduleName, exportsDeclarations: analysis.exportsDeclarations,
            optimize: optimize, isCancelled: { compileInterrupted.load(ordering: .relaxed) })
        let compileSeconds = (ContinuousClock.now - compileStart).inSeconds
        let libraryPath: String
        let symbolGraphFile: URL?
        switch compiled {
        case .interrupted:
            return Run(outcome: .failed(CellFailure(
                name: "Interrupted", message: "the cell was interrupted while it compiled; the session is unchanged")))
        case .failed(let diagnostics):
            let details = diagnostics.rendered(cellSource: code, fileLabel: label)
            return Run(outcome: .failed(CellFailure(
                name: "CompileError", message: diagnostics.firstError ?? "the cell did not compile", details: details)),
                compileSeconds: compileSeconds)
        case .library(let path, let graph):
            libraryPath = path
            symbolGraphFile = graph
        }
        phase.withLock { $0 = .running }
        let runStart = ContinuousClock.now
        let recorder = CommOpenRecorder(passingTo: output)
        guard let run = executor.run(
            libraryPath: libraryPath, entrySymbol: entrySymbol, runNumber: nextRunNumber(), output: recorder,
            gracePeriod: configuration.interruptGracePeriod, outputLimit: outputLimit)
        else {
            return Run(outcome: .failed(executorLost()))
        }
        let runSeconds = (ContinuousClock.now - runStart).inSeconds
        if let keptOutputPath { keepOutput(in: keptOutputPath, output: output) }
        // The widgets of a cell whose process is gone are gone too: close them on the front end.
        if run.termination != .completed {
            recorder.stopCaptures()  // the cell's error then shows in the cell, not in a widget
            recorder.closeOpenedComms()
        }
        let outcome = outcome(of: run, analysis: analysis, moduleName: moduleName, symbolGraph: symbolGraphFile, label: label)
        return Run(outcome: outcome, compileSeconds: compileSeconds, runSeconds: runSeconds)
    }

    private func outcome(
        of run: ExecutorProcess.CellRun, analysis: CellAnalysis, moduleName: String, symbolGraph: URL?, label: String
    ) -> CellOutcome {
        switch run.termination {
        case .completed:
            // A cell that stopped at an error keeps its functions and types, but not its
            // variables: one whose initializer threw has no value, and later cells must not see it.
            let stoppedAtError = run.uncaughtError != nil
            // Imports carry over only from a cell whose process went on as the session (as
            // evcxr commits a cell's context only on success); a trap leaves none behind.
            carryImports(of: analysis)
            let kept = analysis.declaredNames.filter { !stoppedAtError || !$0.kind.isVariable }
            if analysis.exportsDeclarations {
                symbols.add(
                    module: moduleName,
                    entries: kept.map { SessionSymbolTable.Entry(declaredName: $0, module: moduleName) },
                    graph: symbolGraph.flatMap(SymbolGraph.init(contentsOf:)), onlyTheseNames: stoppedAtError,
                    alwaysImported: analysis.declaresUnnamedDeclarations)
            }
            if let error = run.uncaughtError {
                let dropped = analysis.declaredNames.filter(\.kind.isVariable).map(\.name)
                return .failed(CellFailure(
                    name: error.typeName, message: error.description,
                    details: ["\(label): uncaught error \(error.typeName): \(error.description)",
                              "what the cell did before the error stays in the session"]
                        + (dropped.isEmpty ? [] : ["the cell's variables are not defined: " + dropped.joined(separator: ", ")])))
            }
            if run.wasInterrupted {
                // As in IPython: an interrupted cell answers with an error, so a front end
                // running several cells skips the ones queued behind it.
                return .failed(CellFailure(
                    name: "Interrupted", message: "the cell stopped after an interrupt",
                    details: ["\(label) stopped after an interrupt; what it did before it stopped stays in the session"]))
            }
            return .completed(result: run.result)
        case .loadFailed, .exited, .killedBySignal:
            return .failed(failure(of: run, label: label) ?? CellFailure(name: "LoadError", message: "the cell did not run"))
        }
    }

    /// Why a run's process did not go on as the session (the session is unchanged); nil when
    /// it did (the run completed).
    private func failure(of run: ExecutorProcess.CellRun, label: String) -> CellFailure? {
        let unchanged = "the session is as it was before this cell"
        switch run.termination {
        case .completed:
            return nil
        case .loadFailed(let reason):
            return CellFailure(name: "LoadError", message: reason, details: [reason, unchanged])
        case .exited(let status):
            return CellFailure(
                name: "Exit", message: "the cell called exit(\(status))",
                details: ["the cell called exit(\(status)); \(unchanged)"])
        case .killedBySignal(let signal):
            if run.wasStoppedByForce {
                return CellFailure(
                    name: "Interrupted", message: "the cell was stopped after an interrupt",
                    details: ["the cell did not stop within \(configuration.interruptGracePeriod) of the interrupt and was stopped; \(unchanged)"])
            }
            let toolDirectory = URL(fileURLWithPath: configuration.compilerPath).resolvingSymlinksInPath()
                .deletingLastPathComponent()
            let cellLocations = CellBacktrace.locations(
                of: CellBacktrace.cellFrames(in: run.trapReportLines), directory: directory, toolDirectory: toolDirectory)
            let trap = TrapReport(
                signal: signal, runtimeOutput: run.trapReportLines.joined(separator: "\n") + "\n" + run.standardErrorTail,
                cellLocations: cellLocations, cellLabel: label)
            return CellFailure(name: "Trap", message: trap.message, details: trap.details + [unchanged])
        }
    }

    /// The failure of a run whose executor process vanished; a new, empty session is started.
    private func executorLost() -> CellFailure {
        let restarted = (try? reset()) != nil
        return CellFailure(
            name: "ExecutorLost",
            message: "the process holding the session ended unexpectedly; "
                + (restarted ? "a new, empty session was started" : "no new session could be started"))
    }

    /// Appends the cell's whole standard output and error (the executor's files, emptied
    /// before the next cell) to `path`; a failure is reported on standard error.
    private func keepOutput(in path: String, output: SessionOutput) {
        let files = ["stdout.txt", "stderr.txt"].map { directory.appendingPathComponent($0) }
        do {
            if !FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.createFile(atPath: path, contents: nil) else {
                    throw CocoaError(.fileWriteNoPermission)
                }
            }
            let target = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
            defer { try? target.close() }
            try target.seekToEnd()
            for file in files { try target.write(contentsOf: Data(contentsOf: file)) }
        } catch {
            output.standardError("[swift-margin] %keep_output could not append to \(path): \(error)\n")
        }
    }

    /// Remembers the imports of a cell that compiled, so that later cells see the same modules.
    private func carryImports(of analysis: CellAnalysis) {
        for item in analysis.items where item.kind == .importDeclaration {
            let code = item.text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }
            let line = code.joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !carriedImports.contains(line) && !configuration.preloadedImports.contains(line) {
                carriedImports.append(line)
            }
        }
    }

    private func syntaxFailure(_ diagnostics: [CellDiagnostic], code: String, label: String) -> CellFailure {
        let lines = code.split(separator: "\n", omittingEmptySubsequences: false)
        let details = diagnostics.flatMap { diagnostic in
            CompilerDiagnostics.render("error", diagnostic.message, line: diagnostic.line, column: diagnostic.column,
                                       fileLabel: label, cellLines: lines)
        }
        return CellFailure(name: "SyntaxError", message: diagnostics.first?.message ?? "the cell is not valid Swift", details: details)
    }

    // MARK: - Names

    private func whoTable() -> String {
        let entries = symbols.visibleEntries
        guard !entries.isEmpty else { return "The session has no names yet.\n" }
        let width = entries.map(\.name.count).max() ?? 0
        return entries.map { $0.name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.declaration }
            .joined(separator: "\n") + "\n"
    }

    /// The type name (without generic arguments) of a session name or a dotted path, or the
    /// text itself when it names a type. A variable's type comes from its declaration as the
    /// compiler reported it ("var x: Tensor<Float>"); "model?" and "model!" look through the optional.
    private func typeName(of expression: String) -> String {
        let trimmed = expression.trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: "?!")))
        let withoutGenerics = String(trimmed.prefix { $0 != "<" })  // "Tensor<Float>" → "Tensor"
        guard let entry = symbols.lookup(trimmed), entry.importKeyword == "var" || entry.importKeyword == "let" else {
            return withoutGenerics
        }
        let typedPrefix = "\(entry.importKeyword) \(entry.name): "
        guard entry.declaration.hasPrefix(typedPrefix) else { return withoutGenerics }
        let type = entry.declaration.dropFirst(typedPrefix.count)
        return String(type.prefix { $0 != "<" && $0 != "?" && $0 != " " && $0 != "=" })
    }

    private func loadedAPIIndex() -> APIIndex {
        if let apiIndex { return apiIndex }
        let extractor = URL(fileURLWithPath: configuration.compilerPath).deletingLastPathComponent()
            .appendingPathComponent("swift-symbolgraph-extract").path
        let index = APIIndex(
            modules: configuration.indexedModules, extractor: extractor,
            searchArguments: configuration.moduleSearchArguments,
            directory: directory.appendingPathComponent("api"))
        apiIndex = index
        return index
    }

    private static func makeDirectory(in parent: URL) throws(SessionSetupError) -> URL {
        let directory = parent.appendingPathComponent("swift-margin-session-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            // Only the user may read the cells' sources and libraries (other users share $TMPDIR).
            try FileManager.default.createDirectory(
                at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw SessionSetupError("cannot create the session folder \(directory.path): \(error)")
        }
        return directory
    }
}

extension SessionSymbolTable.Entry {
    init(declaredName: DeclaredName, module: String) {
        self.init(name: declaredName.name, importKeyword: declaredName.kind.scopedImportKeyword,
                  declaration: declaredName.signature, documentation: declaredName.documentation, module: module)
    }
}
