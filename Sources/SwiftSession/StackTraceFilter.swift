/// Removes the Swift runtime's "Current stack trace:" block (addresses in the executor and
/// in cell libraries, without line numbers) from a cell's standard error; the trap message
/// before it stays. Text that cannot be part of the block passes through at once; only an
/// unfinished line that might be (it starts with a digit or "Current") waits for its end.
struct StackTraceFilter {
    private var pending = ""

    /// The part of `text` (after what was held back) that is not stack trace.
    mutating func filter(_ text: String) -> String {
        pending += text
        var kept = ""
        while let newline = pending.firstIndex(of: "\n") {
            let line = pending[..<newline]
            if !Self.isStackTraceLine(line) { kept += line + "\n" }
            pending = String(pending[pending.index(after: newline)...])
        }
        if !pending.isEmpty, !Self.mightBecomeStackTraceLine(pending) {
            kept += pending
            pending = ""
        }
        return kept
    }

    /// Whatever is held back (at the end of a cell).
    mutating func flush() -> String {
        defer { pending = "" }
        return Self.isStackTraceLine(Substring(pending)) ? "" : pending
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
