import Foundation
import JupyterWire

/// The comms open now, comm id to target name, whichever side opened them; what
/// `comm_info_reply` lists. Shared by the shell thread (the frontend's comm messages), the
/// control thread (comm_info_request) and whatever thread a backend sends output from, so
/// every access takes a lock.
final class CommTable: @unchecked Sendable {
    private let lock = NSLock()
    private var targets: [String: String] = [:]

    /// Records `commID` as open for `target`; `false` (and no change) if it is open already.
    @discardableResult
    func open(_ commID: String, target: String) -> Bool {
        lock.withLock {
            guard targets[commID] == nil else { return false }
            targets[commID] = target
            return true
        }
    }

    /// Forgets `commID`; `false` if it was not open.
    @discardableResult
    func close(_ commID: String) -> Bool {
        lock.withLock { targets.removeValue(forKey: commID) != nil }
    }

    /// The target of the open comm `commID`, or `nil` if no such comm is open.
    func target(of commID: String) -> String? {
        lock.withLock { targets[commID] }
    }

    /// The open comms as `comm_info_reply` lists them, `{comm_id: {target_name}}`; only those
    /// for `targetName` when it is given.
    func info(targetName: String?) -> JSONObject {
        lock.withLock {
            var comms: JSONObject = [:]
            for (id, target) in targets where targetName == nil || target == targetName {
                comms[id] = ["target_name": .string(target)]
            }
            return comms
        }
    }
}
