import Foundation
import JupyterKernel
import JupyterWire
import NotebookDisplay
import SwiftSession

/// The Jupyter kernel's language side: Swift cells run in a `SwiftSession`.
final class SwiftKernelBackend: KernelBackend {
    private let session: SwiftSession

    init(session: SwiftSession) {
        self.session = session
    }

    var kernelInfo: KernelInfo {
        KernelInfo(
            implementation: "swift-margin", implementationVersion: "0.1.0",
            languageName: "swift", languageVersion: Self.swiftVersion,
            mimetype: "text/x-swift", fileExtension: ".swift", pygmentsLexer: "swift", codemirrorMode: "swift",
            banner: "swift-margin: Swift \(Self.swiftVersion) cells with tensors, models, the large-margin loss and attacks preloaded. %help lists the magics.",
            helpLinks: [KernelInfo.HelpLink(text: "Swift language guide", url: "https://docs.swift.org/swift-book/")])
    }

    func execute(_ request: ExecuteRequest, output: ExecutionOutput) -> ExecuteOutcome {
        // `exit` and `quit` end a console, as in IPython (Swift's own exit(_:) takes a status).
        if ["exit", "quit", "exit()", "quit()"].contains(request.code.trimmingCharacters(in: .whitespacesAndNewlines)) {
            return .exitRequested
        }
        let sink = KernelOutputAdapter(output: output)
        switch session.execute(request.code, executionCount: request.executionCount, output: sink) {
        case .completed(let result):
            return .success(result: result.map(MIMEBundle.init(displayBundle:)))
        case .failed(let failure):
            return .failure(KernelError(
                ename: failure.name, evalue: failure.message,
                traceback: failure.traceback))
        }
    }

    func isComplete(_ code: String) -> CompletenessVerdict {
        switch session.completeness(of: code) {
        case .complete: return .complete
        case .incomplete(let indent): return .incomplete(indent: indent)
        case .invalid: return .invalid
        }
    }

    func complete(_ code: String, cursorPosition: Int) -> CompletionMatches {
        let found = session.completions(in: code, cursor: cursorPosition)
        // Each match's kind and signature, as IPython sends them (JupyterLab shows the kind).
        let types: [JSONValue] = found.types.map {
            .object(["text": .string($0.text), "type": .string($0.type), "signature": .string($0.signature),
                     "start": .int(found.start), "end": .int(found.end)])
        }
        return CompletionMatches(
            matches: found.matches, cursorStart: found.start, cursorEnd: found.end,
            metadata: types.isEmpty ? [:] : ["_jupyter_types_experimental": .array(types)])
    }

    func inspect(_ code: String, cursorPosition: Int, detailLevel: Int) -> InspectionResult? {
        session.inspection(of: code, cursor: cursorPosition).map { InspectionResult(bundle: .plainText($0)) }
    }

    /// A comm the front end opens (ipywidgets' `jupyter.widget.control`) reaches the handler a
    /// cell registered for its target; with none, the kernel closes it.
    func commOpen(_ open: CommOpen, output: ExecutionOutput) -> Bool {
        deliver(.open(commID: open.commID, targetName: open.targetName, data: .object(open.data),
                      metadata: .object(open.metadata), buffers: open.buffers), output: output)
    }

    /// A message on an open comm (a widget's new value, a click) runs its handler, like a cell.
    func commMessage(_ message: CommMessage, output: ExecutionOutput) {
        deliver(.message(commID: message.commID, data: .object(message.data), buffers: message.buffers), output: output)
    }

    /// The front end closed a comm: its handler hears of it.
    func commClose(_ message: CommMessage, output: ExecutionOutput) {
        deliver(.close(commID: message.commID, data: .object(message.data)), output: output)
    }

    /// Delivers a front-end comm event to the session; a handler that fails shows its error on
    /// standard error, where the event's output goes (the session writes it). Whether a handler took it.
    @discardableResult
    private func deliver(_ event: CommEvent, output: ExecutionOutput) -> Bool {
        switch session.deliverComm(event, output: KernelOutputAdapter(output: output)) {
        case .accepted, .failed:
            return true
        case .noHandler:
            return false
        }
    }

    func interrupt() {
        session.interrupt()
    }

    func shutdown(restart: Bool) {
        session.close()
    }

    private static var swiftVersion: String {
        #if compiler(>=6.3)
        return "6.3"
        #elseif compiler(>=6.2)
        return "6.2"
        #else
        return "6"
        #endif
    }
}

/// Forwards a session's output to a Jupyter request's output.
private final class KernelOutputAdapter: SessionOutput {
    private let output: ExecutionOutput

    init(output: ExecutionOutput) {
        self.output = output
    }

    var parentMessageID: String? { output.parentMessageID }

    func standardOutput(_ text: String) { output.stream(.stdout, text) }
    func standardError(_ text: String) { output.stream(.stderr, text) }

    func display(_ bundle: DisplayBundle, displayID: String?, update: Bool) {
        let mimeBundle = MIMEBundle(displayBundle: bundle)
        if update, let displayID {
            output.updateDisplay(mimeBundle, displayID: displayID)
        } else {
            output.display(mimeBundle, displayID: displayID)
        }
    }

    func clearOutput(wait: Bool) { output.clearOutput(wait: wait) }

    /// Opens, sends on or closes a comm on the front end (the kernel keeps its table of comms).
    func comm(_ event: CommEvent) {
        switch event {
        case .open(let commID, let target, let data, let metadata, let buffers):
            output.openComm(CommOpen(
                commID: commID, targetName: target, data: data.objectValue ?? [:], metadata: metadata.objectValue ?? [:],
                buffers: buffers))
        case .message(let commID, let data, let buffers):
            output.sendCommMessage(CommMessage(commID: commID, data: data.objectValue ?? [:], buffers: buffers))
        case .close(let commID, let data):
            output.closeComm(CommMessage(commID: commID, data: data.objectValue ?? [:]))
        }
    }

    /// The front end's answer, or nil when the request does not allow input (`ExecutionOutput` checks).
    func readInput(prompt: String, password: Bool) -> String? {
        output.readInput(prompt: prompt, password: password)
    }
}

extension MIMEBundle {
    /// A Jupyter MIME bundle from the executor's strings: JSON types are parsed, the rest
    /// stays text (images are base64 already).
    init(displayBundle bundle: DisplayBundle) {
        var data: [String: JSONValue] = [:]
        for (type, text) in bundle.data {
            if type == "application/json" || type.hasSuffix("+json"),
               let parsed = try? JSONValue(parsing: Data(text.utf8)) {
                data[type] = parsed
            } else {
                data[type] = .string(text)
            }
        }
        var metadata: [String: JSONValue] = [:]
        if !bundle.metadataJSON.isEmpty, case .object(let fields)? = try? JSONValue(parsing: Data(bundle.metadataJSON.utf8)) {
            metadata = fields
        }
        self.init(data: data, metadata: metadata)
    }
}
