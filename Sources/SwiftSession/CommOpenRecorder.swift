import NotebookDisplay

/// Passes a run's output on and notes the comms it opens, so the comms a failed run opened
/// (widgets whose objects went with the run's process) can be closed on the front end.
final class CommOpenRecorder: SessionOutput {
    private let output: SessionOutput
    /// The comms the run opened and did not close, oldest first.
    private(set) var openedCommIDs: [String] = []

    init(passingTo output: SessionOutput) {
        self.output = output
    }

    /// Closes, on the front end, every comm the run opened (after it failed).
    func closeOpenedComms() {
        for commID in openedCommIDs { output.comm(.close(commID: commID, data: [:])) }
        openedCommIDs.removeAll()
    }

    func comm(_ event: CommEvent) {
        switch event {
        case .open(let commID, _, _, _, _): openedCommIDs.append(commID)
        case .close(let commID, _): openedCommIDs.removeAll { $0 == commID }
        case .message: break
        }
        output.comm(event)
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
