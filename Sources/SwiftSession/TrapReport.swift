import Foundation

/// What to say about a cell whose process died of a signal: the runtime's own message
/// ("Fatal error: Index out of range") when it printed one, else what the signal means, with
/// the cell line where it happened.
struct TrapReport {
    let message: String
    let details: [String]

    /// - Parameters:
    ///   - runtimeOutput: the cell's standard error where the runtime's trap message may be
    ///     (the lines the session took out of the stream, then the stream's last part).
    ///   - cellLocations: the cell lines of the stack trace, innermost first ("Cell In[3]:2:12").
    init(signal: Int32, runtimeOutput: String, cellLocations: [String] = [], cellLabel: String) {
        let runtimeLines = runtimeOutput.split(separator: "\n").filter { line in
            StackTraceFilter.trapMarkers.contains { line.contains($0) }
        }
        let meaning = Self.meaning(of: signal)
        // A line that calls twice in a row (an operator and the expression around it) shows once.
        let calls = cellLocations.enumerated().filter { $0.offset == 0 || cellLocations[$0.offset - 1] != $0.element }
            .map { "  at \($0.element)" }
        let innermost = cellLocations.first.map(Self.spoken)
        if let last = runtimeLines.last {
            // "Cell In[3]:2: Fatal error: boom" names the cell line; "Swift/Array.swift:418: Fatal error: ..." does not.
            let text = String(last)
            let firstLine: String
            if let marker = StackTraceFilter.trapMarkers.compactMap({ text.range(of: $0) }).first {
                let location = text[..<marker.lowerBound].trimmingCharacters(in: CharacterSet(charactersIn: ": "))
                let what = String(text[marker.lowerBound...])
                // #fileID puts the module first: "Cell2/Cell In[2]:1".
                if let labelRange = location.range(of: cellLabel + ":") {
                    message = "\(what) (\(cellLabel), line \(location[labelRange.upperBound...]))"
                    firstLine = "\(cellLabel):\(location[labelRange.upperBound...]): \(what)"
                } else {
                    message = innermost.map { "\(what) (\($0))" } ?? what
                    // The library's or the standard library's file ("Tensors/ShapeError.swift:36")
                    // is none the user wrote: the cell lines below say where it happened.
                    firstLine = location.range(of: "Cell In[").map { "\(location[$0.lowerBound...]): \(what)" } ?? what
                }
            } else {
                message = text
                firstLine = text
            }
            details = [firstLine] + calls + ["the cell's process stopped: \(meaning)"]
        } else {
            message = "the cell's process stopped: \(meaning)" + (innermost.map { " (\($0))" } ?? "")
            details = [message] + calls
        }
    }

    /// "Cell In[3], line 2" for "Cell In[3]:2:12".
    static func spoken(_ location: String) -> String {
        let parts = location.split(separator: ":")
        guard parts.count >= 3 else { return location }
        return "\(parts.dropLast(2).joined(separator: ":")), line \(parts[parts.count - 2])"
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
