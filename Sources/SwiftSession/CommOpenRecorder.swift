import DynamicJSON
import NotebookDisplay

/// Passes a run's output on and notes the comms it opens, so the comms a failed run opened
/// (widgets whose objects went with the run's process) can be closed on the front end; and
/// the Output widgets it left capturing, so they can be told to stop.
///
/// An Output widget captures while its `msg_id` state is a request's id: JupyterLab then hands
/// every IOPub message with that parent to the widget instead of the request's own handlers,
/// the `idle` status included, and a widget whose change is waiting for that idle sends no more
/// changes. A run that traps inside `Output.capture` never sets `msg_id` back; the session does.
final class CommOpenRecorder: SessionOutput {
    private let output: SessionOutput
    /// The comms the run opened and did not close, oldest first.
    private(set) var openedCommIDs: [String] = []
    /// The comms whose last `msg_id` the run set was not empty (Output widgets capturing).
    private(set) var capturingCommIDs: [String] = []

    init(passingTo output: SessionOutput) {
        self.output = output
    }

    /// Closes, on the front end, every comm the run opened (after it failed).
    func closeOpenedComms() {
        for commID in openedCommIDs { output.comm(.close(commID: commID, data: [:])) }
        openedCommIDs.removeAll()
    }

    /// Tells every Output widget the run left capturing to stop (`msg_id` ""), as
    /// `Output.capture` would have on its way out.
    func stopCaptures() {
        for commID in capturingCommIDs {
            output.comm(.message(commID: commID, data: ["method": "update", "state": ["msg_id": ""], "buffer_paths": []], buffers: []))
        }
        capturingCommIDs.removeAll()
    }

    func comm(_ event: CommEvent) {
        switch event {
        case .open(let commID, _, let data, _, _):
            openedCommIDs.append(commID)
            noteCapture(commID, data["state"])
        case .close(let commID, _):
            openedCommIDs.removeAll { $0 == commID }
            capturingCommIDs.removeAll { $0 == commID }
        case .message(let commID, let data, _):
            if data["method"]?.stringValue == "update" { noteCapture(commID, data["state"]) }
        }
        output.comm(event)
    }

    private func noteCapture(_ commID: String, _ state: JSONValue?) {
        guard let messageID = state?["msg_id"]?.stringValue else { return }
        capturingCommIDs.removeAll { $0 == commID }
        if !messageID.isEmpty { capturingCommIDs.append(commID) }
    }

    var parentMessageID: String? { output.parentMessageID }

    func standardOutput(_ text: String) { output.standardOutput(text) }
    func standardError(_ text: String) { output.standardError(text) }
    func display(_ bundle: DisplayBundle, displayID: String?, update: Bool) {
        output.display(bundle, displayID: displayID, update: update)
    }
    func clearOutput(wait: Bool) { output.clearOutput(wait: wait) }
    func readInput(prompt: String, password: Bool) -> String? { output.readInput(prompt: prompt, password: password) }
}
