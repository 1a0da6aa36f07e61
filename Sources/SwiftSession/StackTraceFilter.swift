/// Takes the Swift runtime's trap report out of a cell's standard error: the trap message
/// ("Swift/Array.swift:418: Fatal error: Index out of range") and the "Current stack trace:"
/// block after it (addresses in the executor and in cell libraries, without line numbers).
/// The session reports the trap once, as the cell's error, from what was taken out (`removed`).
///
/// Text that cannot be part of a report passes through at once. An unfinished line that might
/// be (it starts with a digit or "Current") waits for its end; a line with a trap marker waits
/// for the next line, and goes out after all when that is not "Current stack trace:".
struct StackTraceFilter {
    /// What the runtime prints before a trap's message (the message is the rest of the line).
    static let trapMarkers = ["Fatal error:", "Precondition failed", "Assertion failed", "Unexpectedly found nil", "Stack overflow"]

    private var pending = ""
    /// A complete line with a trap marker, held until the next line shows what it is.
    private var heldMessage: Substring?
    /// The trap messages and stack trace lines taken out, oldest first (the last 400 lines).
    private(set) var removed: [Substring] = []

    /// The part of `text` (after what was held back) that is not a trap report.
    mutating func filter(_ text: String) -> String {
        pending += text
        var kept = ""
        while let newline = pending.firstIndex(of: "\n") {
            let line = pending[..<newline]
            pending = String(pending[pending.index(after: newline)...])
            kept += take(line)
        }
        if !pending.isEmpty, heldMessage == nil, !Self.mightBecomeStackTraceLine(pending) {
            kept += pending
            pending = ""
        }
        return kept
    }

    /// Whatever is held back (at the end of a cell).
    mutating func flush() -> String {
        defer { pending = "" }
        var rest = heldMessage.map { $0 + "\n" } ?? ""
        heldMessage = nil
        if !Self.isStackTraceLine(Substring(pending)) { rest += pending }
        return rest
    }

    /// The text to pass on for one complete line.
    private mutating func take(_ line: Substring) -> String {
        var out = ""
        if let message = heldMessage {
            heldMessage = nil
            if line == "Current stack trace:" {
                remove(message)
            } else {
                out += message + "\n"
            }
        }
        if Self.isStackTraceLine(line) {
            remove(line)
        } else if Self.trapMarkers.contains(where: { line.contains($0) }) {
            heldMessage = line
        } else {
            out += line + "\n"
        }
        return out
    }

    private mutating func remove(_ line: Substring) {
        removed.append(line)
        if removed.count > 400 { removed.removeFirst(removed.count - 400) }
    }

    /// "Current stack trace:" or a frame: "12   libCell3.so   0x00007f... symbol + 85".
    static func isStackTraceLine(_ line: Substring) -> Bool {
        if line == "Current stack trace:" { return true }
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        return fields.count >= 3 && fields[0].allSatisfy(\.isNumber) && fields[2].hasPrefix("0x")
    }

    private static func mightBecomeStackTraceLine(_ partial: String) -> Bool {
        partial.first?.isNumber == true || "Current stack trace:".hasPrefix(partial)
    }
}
