import DynamicJSON
import Foundation
import NotebookDisplay
import SwiftSession

/// Collects one cell's outputs in nbformat 4's shapes while the cell runs: streams (merged
/// while the same stream goes on), displays (updated in place by display id), results and
/// errors; `clearOutput` empties the list (at once, or at the next output with `wait`).
final class NotebookOutputs: SessionOutput {
    private(set) var outputs: [NotebookOutput] = []
    /// Index in `outputs` of the output each display id names.
    private var displayIndex: [String: Int] = [:]
    private var clearAtNextOutput = false
    /// Where printed text is echoed as the cell runs (the `run` command's terminal), if anywhere.
    private let echo: ((String) -> Void)?
    /// The notebook's widgets, which the cell's comm events change.
    private let widgets: WidgetStateRecord
    /// The finished cells' outputs, which the cell's display updates may replace.
    private let earlier: EarlierDisplays

    init(echo: ((String) -> Void)? = nil, widgets: WidgetStateRecord = WidgetStateRecord(), earlier: EarlierDisplays = EarlierDisplays()) {
        self.echo = echo
        self.widgets = widgets
        self.earlier = earlier
    }

    /// The display ids this cell showed, with the index of the output each names.
    var displayIDs: [String: Int] { displayIndex }

    func standardOutput(_ text: String) { appendStream("stdout", text) }
    func standardError(_ text: String) { appendStream("stderr", text) }

    func display(_ bundle: DisplayBundle, displayID: String?, update: Bool) {
        if update {
            guard let displayID else { return }
            let output = NotebookOutput.display(data: bundle.data, metadata: Self.metadata(of: bundle))
            earlier.update(displayID, with: output)
            if let index = displayIndex[displayID] { outputs[index] = output }
            return
        }
        clearIfWaiting()
        if let displayID { displayIndex[displayID] = outputs.count }
        outputs.append(.display(data: bundle.data, metadata: Self.metadata(of: bundle)))
    }

    func clearOutput(wait: Bool) {
        if wait {
            clearAtNextOutput = true
        } else {
            outputs.removeAll()
            displayIndex.removeAll()
        }
    }

    /// A widget opened, changed or closed: the notebook's widget state follows it.
    func comm(_ event: CommEvent) { widgets.follow(event) }

    /// Headless runs have nobody to type: a cell that reads input gets nil.
    func readInput(prompt: String, password: Bool) -> String? { nil }

    /// Adds the cell's result (`execute_result`) with its execution count.
    func appendResult(_ bundle: DisplayBundle, executionCount: Int) {
        clearIfWaiting()
        outputs.append(.result(data: bundle.data, metadata: Self.metadata(of: bundle), executionCount: executionCount))
    }

    /// Adds an error output.
    func appendError(_ failure: CellFailure) {
        clearIfWaiting()
        outputs.append(.error(name: failure.name, message: failure.message, traceback: failure.traceback))
    }

    private func appendStream(_ name: String, _ text: String) {
        echo?(text)
        clearIfWaiting()
        if case .stream(name, let earlier)? = outputs.last {
            outputs[outputs.count - 1] = .stream(name: name, text: earlier + text)
        } else {
            outputs.append(.stream(name: name, text: text))
        }
    }

    private func clearIfWaiting() {
        guard clearAtNextOutput else { return }
        clearAtNextOutput = false
        outputs.removeAll()
        displayIndex.removeAll()
    }

    /// The bundle's metadata object (empty when it has none or its text is not a JSON object).
    private static func metadata(of bundle: DisplayBundle) -> JSONObject {
        guard !bundle.metadataJSON.isEmpty else { return [:] }
        return (try? JSONValue(parsing: Data(bundle.metadataJSON.utf8)))?.objectValue ?? [:]
    }
}
