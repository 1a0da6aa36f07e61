import Foundation

/// What to say about a cell whose process died of a signal: the runtime's own message
/// ("Fatal error: Index out of range") when it printed one, else what the signal means.
struct TrapReport {
    let message: String
    let details: [String]

    init(signal: Int32, standardErrorTail: String, cellLabel: String) {
        let markers = ["Fatal error:", "Precondition failed", "Assertion failed", "Unexpectedly found nil", "Stack overflow"]
        let runtimeLines = standardErrorTail.split(separator: "\n").filter { line in markers.contains { line.contains($0) } }
        let meaning = Self.meaning(of: signal)
        if let last = runtimeLines.last {
            // "Cell In[3]:2: Fatal error: boom" names the cell line; "Swift/Array.swift:418: Fatal error: ..." does not.
            let text = String(last)
            if let marker = markers.compactMap({ text.range(of: $0) }).first {
                let location = text[..<marker.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: ": "))
                let what = String(text[marker.lowerBound...])
                // #fileID puts the module first: "Cell2/Cell In[2]:1".
                if let labelRange = location.range(of: cellLabel + ":") {
                    message = "\(what) (\(cellLabel), line \(location[labelRange.upperBound...]))"
                } else {
                    message = what
                }
            } else {
                message = text
            }
            details = [text, "the cell's process stopped: \(meaning)"]
        } else {
            message = "the cell's process stopped: \(meaning)"
            details = [message]
        }
    }

    private static func meaning(of signal: Int32) -> String {
        switch signal {
        case 4, 5: return "a Swift runtime trap, e.g. an integer overflow or a failed precondition (signal \(signal))"
        case 6: return "abort() (signal 6)"
        case 7: return "a bus error (signal 7)"
        case 8: return "an arithmetic exception (signal 8)"
        case 9: return "it was killed (signal 9)"
        case 11: return "a segmentation fault, e.g. a stack overflow or a bad pointer (signal 11)"
        case 15: return "it was terminated (signal 15)"
        default: return "signal \(signal)"
        }
    }
}
