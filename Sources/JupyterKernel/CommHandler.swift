import Foundation
import JupyterWire

extension RequestDispatcher {
    /// `comm_open` from the frontend: lists the comm, asks the backend whether it has the
    /// target; if not, forgets the comm, logs, and publishes `comm_close` for it (ipykernel's
    /// answer to an unknown target). No reply: comm messages are not requests.
    func commOpen(_ request: WireMessage) {
        let content = request.message.content
        guard let commID = commID(of: request), let data = data(of: request) else { return }
        guard let target = content["target_name"]?.stringValue else {
            log(.warning, "comm_open \(request.message.header.messageID) has no target_name; ignored")
            return
        }
        let open = CommOpen(
            commID: commID, targetName: target, targetModule: content["target_module"]?.stringValue, data: data,
            metadata: request.message.metadata, buffers: request.buffers)
        guard comms.open(commID, target: target) else {
            log(.warning, "comm_open for comm \(commID), which is open already; ignored")
            return
        }
        if backend.commOpen(open, output: output(for: request)) {
            log(.debug, "comm \(commID) opened for target \"\(target)\"")
            return
        }
        log(.warning, "comm_open for target \"\(target)\": no such comm target; closing the comm")
        // The backend may have closed it itself while refusing it; then it is closed already.
        if comms.close(commID) {
            iopub.publish("comm_close", content: ["comm_id": .string(commID), "data": [:]], parent: request.message.header)
        }
    }

    /// `comm_msg` from the frontend: to the backend if the comm is open, else logged and dropped
    /// (as ipykernel does).
    func commMessage(_ request: WireMessage) {
        guard let message = openCommMessage(request) else { return }
        backend.commMessage(message, output: output(for: request))
    }

    /// `comm_close` from the frontend: forgets the comm, then tells the backend; a close for a
    /// comm that is not open is logged and dropped.
    func commClose(_ request: WireMessage) {
        guard let message = openCommMessage(request) else { return }
        comms.close(message.commID)
        backend.commClose(message, output: output(for: request))
    }

    /// The ``CommMessage`` of a `comm_msg` or `comm_close` on an open comm; `nil`, logged, when
    /// the content is malformed or the comm is not open.
    private func openCommMessage(_ request: WireMessage) -> CommMessage? {
        guard let commID = commID(of: request), let data = data(of: request) else { return nil }
        guard comms.target(of: commID) != nil else {
            log(.warning, "\(request.message.header.messageType) for comm \(commID), which is not open; ignored")
            return nil
        }
        return CommMessage(commID: commID, data: data, metadata: request.message.metadata, buffers: request.buffers)
    }

    /// The content's `comm_id`; `nil`, logged, when it is missing or not a string.
    private func commID(of request: WireMessage) -> String? {
        guard let commID = request.message.content["comm_id"]?.stringValue else {
            let header = request.message.header
            log(.warning, "\(header.messageType) \(header.messageID) has no comm_id; ignored")
            return nil
        }
        return commID
    }

    /// The content's `data` object (`{}` when absent or null); `nil`, logged, when it is not an object.
    private func data(of request: WireMessage) -> JSONObject? {
        guard let data = request.message.content["data"], data != .null else { return [:] }
        guard let object = data.objectValue else {
            let header = request.message.header
            log(.warning, "\(header.messageType) \(header.messageID): data is not an object; ignored")
            return nil
        }
        return object
    }

    /// The output of a comm message's handling: IOPub with it as parent; no stdin.
    private func output(for request: WireMessage) -> RequestOutput {
        RequestOutput(iopub: iopub, stdin: stdin, comms: comms, log: log, request: request, allowStdin: false)
    }
}
