import Foundation

/// A notebook magic: a line starting with `%` (or `%%` for the whole cell) that asks the
/// session for something other than Swift.
enum SessionMagic: Equatable {
    /// `%time code` / `%%time`: run the code and report compile and run time.
    case time(code: String)
    /// `%timeit code` / `%%timeit`: run the code many times and report the time per run.
    case timeit(code: String)
    /// `%who`: the names the session holds, with their types.
    case who
    /// `%reset`: forget everything, as a new session.
    case reset
    /// `%optimize on|off`: compile the following cells with -O, or without.
    case optimize(Bool)
    /// `%output_limit MB|off`: how much text a cell may send to the front end.
    case outputLimit(bytes: Int64?)
    /// `%keep_output FILE|off`: append every cell's whole output (standard output, then
    /// standard error, beyond the output limit too) to FILE.
    case keepOutput(path: String?)
    /// `%include path.swift`: run the file's Swift (then the rest of the cell).
    case include(path: String, rest: String)
    /// `%help` (or `%lsmagic`): the list of magics.
    case help
    /// `name?` or `name??` (a dotted path too), as in IPython: the declaration and
    /// documentation of what the name means.
    case inspect(name: String)

    /// The magic a cell starts with, nil for plain Swift, or an error naming the problem.
    static func parse(_ cell: String) throws(CellFailure) -> SessionMagic? {
        let lines = cell.split(separator: "\n", omittingEmptySubsequences: false)
        guard let firstIndex = lines.firstIndex(where: { !$0.allSatisfy(\.isWhitespace) }) else { return nil }
        let first = lines[firstIndex].trimmingCharacters(in: .whitespaces)
        if let name = inspectedName(cell) { return .inspect(name: name) }
        guard first.hasPrefix("%") else { return nil }
        let rest = lines[(firstIndex + 1)...].joined(separator: "\n")
        let isCellMagic = first.hasPrefix("%%")
        let body = first.drop { $0 == "%" }
        let name = String(body.prefix { !$0.isWhitespace })
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        let remainder = isCellMagic ? rest : [argument, rest].filter { !$0.isEmpty }.joined(separator: "\n")
        switch name {
        case "time":
            return .time(code: remainder)
        case "timeit":
            return .timeit(code: remainder)
        case "who", "whos":
            return .who
        case "reset":
            return .reset
        case "help", "lsmagic":
            return .help
        case "optimize":
            switch argument {
            case "on": return .optimize(true)
            case "off": return .optimize(false)
            default: throw CellFailure(name: "MagicError", message: "%optimize takes on or off, not \"\(argument)\"")
            }
        case "keep_output":
            guard !argument.isEmpty else {
                throw CellFailure(name: "MagicError", message: "%keep_output needs the path of a file, or off")
            }
            return .keepOutput(path: argument == "off" ? nil : argument)
        case "output_limit":
            if argument == "off" { return .outputLimit(bytes: nil) }
            guard let megabytes = Double(argument), megabytes > 0 else {
                throw CellFailure(name: "MagicError", message: "%output_limit takes a number of megabytes or off, not \"\(argument)\"")
            }
            return .outputLimit(bytes: Int64(megabytes * 1_048_576))
        case "include":
            guard !argument.isEmpty else {
                throw CellFailure(name: "MagicError", message: "%include needs the path of a Swift file")
            }
            return .include(path: argument, rest: rest)
        default:
            throw CellFailure(
                name: "MagicError",
                message: "unknown magic %\(name); the magics are \(Self.names.joined(separator: ", "))")
        }
    }

    /// "model.train" for a cell that is only "model.train?" or "model.train??" (no Swift
    /// expression ends in a bare `?`), else nil.
    static func inspectedName(_ cell: String) -> String? {
        let trimmed = cell.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasSuffix("?") else { return nil }
        let name = String(trimmed.dropLast(trimmed.hasSuffix("??") ? 2 : 1))
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        let isIdentifier = { (part: Substring) in
            part.first.map { $0.isLetter || $0 == "_" } == true && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        }
        return !parts.isEmpty && parts.allSatisfy(isIdentifier) ? name : nil
    }

    /// The magics, as a user types them.
    static let names = ["%time", "%%time", "%timeit", "%%timeit", "%who", "%reset", "%optimize on|off", "%output_limit MB|off", "%keep_output FILE|off", "%include FILE", "%help"]

    /// What `%help` prints.
    static let helpText = """
        %time CODE / %%time      run the code (the rest of the cell) and print compile and run time
        %timeit CODE / %%timeit  run the code many times and print the time per run
        %who                     list the session's names with their types
        %reset                   forget every name: a fresh session
        %optimize on|off         compile the following cells with -O (on) or without (off, the default)
        %output_limit MB|off     the most text a cell sends to the front end (4 MB at the start)
        %keep_output FILE|off    append every cell's whole output to FILE, beyond the limit too
        %include FILE            run the Swift file FILE, then the rest of the cell
        %help                    this list
        NAME? / NAME??           the declaration and documentation of NAME (also model.train?)
        exit / quit              end a console (jupyter console); a notebook ignores it
        A line magic works on any line of a cell (the Swift above it runs first); a cell magic
        (%%time, %%timeit) must be the cell's first line.

        """
}
