import CellSyntax

/// A cell cut where its line magics stand, as IPython accepts a line magic on any line:
/// `let q = 1` then `%who` runs the Swift, then lists the names. The Swift between magics
/// runs in order, each part as a cell of its own; a part keeps its line numbers in the cell
/// (it is preceded by blank lines), so diagnostics still name the line the user wrote.
///
/// A line is a magic when it starts with `%` and a letter and the Swift before it is complete
/// (a `%` line inside an open brace stays Swift, where `%` is the remainder operator). A cell
/// magic (`%%time`) must be the cell's first line; `%time`, `%timeit` and `%include` take the
/// rest of the cell with them.
enum CellStep: Equatable {
    /// Swift to compile and run, with blank lines before it for the cell lines above it.
    case swift(String)
    /// A magic to carry out.
    case magic(SessionMagic)

    /// The steps of `cell`, in order; an error names a misplaced or unknown magic.
    static func steps(of cell: String) throws(CellFailure) -> [CellStep] {
        if let name = SessionMagic.inspectedName(cell) { return [.magic(.inspect(name: name))] }
        let lines = cell.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var steps: [CellStep] = []
        var swiftStart = 0
        func flushSwift(upTo end: Int) {
            let part = lines[swiftStart..<end]
            guard part.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else { return }
            steps.append(.swift(String(repeating: "\n", count: swiftStart) + part.joined(separator: "\n")))
        }
        for (index, line) in lines.enumerated() where startsMagic(line) {
            let swiftBefore = lines[swiftStart..<index].joined(separator: "\n")
            guard CellCompleteness.verdict(for: swiftBefore) == .complete else { continue }
            let isFirstLine = !lines[..<index].contains { !$0.allSatisfy(\.isWhitespace) }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("%%") && !isFirstLine {
                let name = String(trimmed.prefix { !$0.isWhitespace })
                throw CellFailure(
                    name: "MagicError",
                    message: "the cell magic \(name) must be the cell's first line (it is line \(index + 1)); "
                        + "a line magic such as \(name.dropFirst()) works on any line")
            }
            flushSwift(upTo: index)
            // The rest of the cell, starting at the magic's line, with the lines above it blank.
            let rest = String(repeating: "\n", count: index) + lines[index...].joined(separator: "\n")
            guard let magic = try SessionMagic.parse(rest) else { continue }
            steps.append(.magic(magic.keepingLineNumbers(magicLine: index, isCellMagic: trimmed.hasPrefix("%%"))))
            if magic.takesTheRestOfTheCell { return steps }
            swiftStart = index + 1
        }
        flushSwift(upTo: lines.count)
        return steps
    }

    /// Whether `line` looks like a magic: `%` (or `%%`) then a letter, after any indentation.
    private static func startsMagic(_ line: String) -> Bool {
        let text = line.drop { $0 == " " || $0 == "\t" }
        guard text.first == "%" else { return false }
        return text.drop { $0 == "%" }.first?.isLetter == true
    }
}

extension SessionMagic {
    /// Whether the magic runs the lines after it itself (`%time`, `%timeit`, `%include`).
    var takesTheRestOfTheCell: Bool {
        switch self {
        case .time, .timeit, .include: true
        default: false
        }
    }

    /// The magic with its Swift preceded by blank lines, so that its first line is numbered
    /// as in the cell: the magic's own line for a line magic's argument, the next for a cell magic.
    func keepingLineNumbers(magicLine: Int, isCellMagic: Bool) -> SessionMagic {
        let padding = String(repeating: "\n", count: magicLine + (isCellMagic ? 1 : 0))
        switch self {
        case .time(let code): return .time(code: padding + code)
        case .timeit(let code): return .timeit(code: padding + code)
        default: return self
        }
    }
}
