import JupyterWire

/// The inputs of stored executions, and the three `history_request` queries over them.
///
/// The kernel keeps only its current session, numbered 0 (a `range` request's `session: 0`
/// means "the current session" in the protocol, so the two agree). Line numbers are the
/// execution counts, 1, 2, 3, … Outputs are not kept: with `output: true` each entry's input
/// becomes `[input, null]`, the shape IPython uses.
struct ExecutionHistory: Sendable {
    /// One stored input.
    struct Entry: Sendable, Equatable {
        var line: Int
        var source: String
    }

    /// The current session's number.
    static let session = 0

    /// Every stored input, oldest first.
    private(set) var entries: [Entry] = []

    /// Stores the input of execution `line`.
    mutating func append(line: Int, source: String) {
        entries.append(Entry(line: line, source: source))
    }

    /// The last `n` entries.
    func tail(_ n: Int) -> [Entry] {
        Array(entries.suffix(max(0, n)))
    }

    /// Lines `start ..< stop` of `session` (0 or the current session's number), as IPython reads
    /// them: a negative `start` or `stop` counts back from the end, a `stop` of 0 (or none, or past
    /// the end) means the end.
    func range(session: Int, start: Int, stop: Int?) -> [Entry] {
        guard session == 0 || session == Self.session else { return [] }
        let end = (entries.map(\.line).max() ?? 0) + 1
        var first = start
        if first < 0 { first += end }
        var last = stop ?? 0
        if last == 0 || last > end {
            last = end
        } else if last < 0 {
            last += end
        }
        return entries.filter { $0.line >= first && $0.line < last }
    }

    /// Entries whose whole input matches the glob `pattern` (`*` any text, `?` one character,
    /// `[abc]`, `[a-z]`, `[^abc]` one of or none of a set), oldest first; with `unique` only
    /// the latest of equal inputs; with `n` only the last `n`.
    func search(pattern: String, n: Int?, unique: Bool) -> [Entry] {
        var found = entries.filter { Glob.matches(pattern, $0.source) }
        if unique {
            var seen = Set<String>()
            found = found.reversed().filter { seen.insert($0.source).inserted }.reversed()
        }
        if let n { found = Array(found.suffix(max(0, n))) }
        return found
    }

    /// The `history_reply` content for a `history_request`'s content.
    func reply(to request: JSONObject) -> JSONObject {
        let output = request["output"]?.boolValue ?? false
        let entries: [Entry]
        switch request["hist_access_type"]?.stringValue ?? "" {
        case "tail":
            entries = tail(request["n"]?.intValue ?? 10)
        case "range":
            entries = range(
                session: request["session"]?.intValue ?? 0, start: request["start"]?.intValue ?? 1,
                stop: request["stop"]?.intValue)
        case "search":
            entries = search(
                pattern: request["pattern"]?.stringValue ?? "*", n: request["n"]?.intValue,
                unique: request["unique"]?.boolValue ?? false)
        default:
            entries = []
        }
        let history: [JSONValue] = entries.map { entry in
            let input: JSONValue = output ? [.string(entry.source), .null] : .string(entry.source)
            return [.int(Self.session), .int(entry.line), input]
        }
        return ["status": "ok", "history": .array(history)]
    }
}

/// SQLite-style `GLOB` matching over Unicode scalars, as IPython's history search uses it.
enum Glob {
    /// Whether all of `text` matches `pattern`.
    static func matches(_ pattern: String, _ text: String) -> Bool {
        matches(Array(pattern.unicodeScalars), 0, Array(text.unicodeScalars), 0)
    }

    private static func matches(_ pattern: [Unicode.Scalar], _ p: Int, _ text: [Unicode.Scalar], _ t: Int) -> Bool {
        var p = p
        var t = t
        // Backtracking point for the last `*`: where in the pattern after it, and where in the text.
        var star: (pattern: Int, text: Int)?
        while t < text.count {
            if p < pattern.count {
                switch pattern[p] {
                case "*":
                    star = (p + 1, t)
                    p += 1
                    continue
                case "?":
                    p += 1
                    t += 1
                    continue
                case "[":
                    if let (matched, next) = matchSet(pattern, p, text[t]) {
                        if matched {
                            p = next
                            t += 1
                            continue
                        }
                    } else if text[t] == "[" {
                        // An unclosed `[` is literal.
                        p += 1
                        t += 1
                        continue
                    }
                case let scalar where scalar == text[t]:
                    p += 1
                    t += 1
                    continue
                default:
                    break
                }
            }
            guard let resume = star else { return false }
            // Let the last `*` swallow one more character and try again.
            star = (resume.pattern, resume.text + 1)
            p = resume.pattern
            t = resume.text + 1
        }
        while p < pattern.count && pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// Whether `scalar` is in the set starting at `pattern[start] == "["`, and the index after
    /// the closing `]`; `nil` when the set is not closed.
    private static func matchSet(
        _ pattern: [Unicode.Scalar], _ start: Int, _ scalar: Unicode.Scalar
    ) -> (Bool, Int)? {
        var i = start + 1
        var negated = false
        if i < pattern.count && pattern[i] == "^" {
            negated = true
            i += 1
        }
        var found = false
        var first = true
        while i < pattern.count {
            let c = pattern[i]
            if c == "]" && !first { return (found != negated, i + 1) }
            first = false
            if i + 2 < pattern.count && pattern[i + 1] == "-" && pattern[i + 2] != "]" {
                if c <= scalar && scalar <= pattern[i + 2] { found = true }
                i += 3
            } else {
                if c == scalar { found = true }
                i += 1
            }
        }
        return nil
    }
}
