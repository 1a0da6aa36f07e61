/// The Swift source of the shared library that runs one cell.
///
/// Imports and declarations (variables included, as globals) stay at file scope; statements,
/// the forcing of the cell's variables (globals initialise lazily, so each is read where the cell
/// declared it) and the publishing of the trailing expression run in source order inside one
/// exported entry function:
///
/// ```swift
/// import CellRuntime                                  // the preamble, verbatim
/// #sourceLocation(file: "Cell In[7]", line: 1)
/// let x = 2
/// #sourceLocation()
/// @_cdecl("swift_margin_cell_7")
/// public func __swiftMarginCellEntry() {
///     do {
///         try Result<Void, any Error>.success(()).get()  // keeps `catch` reachable
/// #sourceLocation(file: "Cell In[7]", line: 1)
/// _ = x
/// #sourceLocation(file: "Cell In[7]", line: 2)
/// print(x)
/// #sourceLocation()
///         __publishCellResult({
/// #sourceLocation(file: "Cell In[7]", line: 3)
/// x * 3
/// #sourceLocation()
///         }())
///     } catch {
///         __reportCellError(error)
///     }
/// }
/// ```
///
/// Every piece of cell code is preceded by `#sourceLocation` for its line and by spaces for its
/// column, so swiftc reports errors at the cell's line and column. The trailing expression is
/// wrapped in an immediately called closure for the same reason: the call to the result function
/// must start on an earlier line than the expression, and `#sourceLocation` may not stand inside
/// an argument list.
public struct CellLibrarySource: Sendable {
    /// The name of the generated entry function (exported under `CellLibraryOptions.entrySymbol`).
    public static let entryFunctionName = "__swiftMarginCellEntry"
    /// The prefix of the private globals holding throwing initializers' results.
    static let initializerResultPrefix = "__swiftMarginInitializer"

    /// The library source for `analysis`.
    ///
    /// - Throws: `CellRewriteError` with the cell's syntax errors, or with the constructs a cell
    ///   library cannot express (a top-level variable without an initial value, top-level `await`).
    public static func generate(_ analysis: CellAnalysis, options: CellLibraryOptions) throws(CellRewriteError) -> String {
        let problems = analysis.rewriteErrors
        guard problems.isEmpty else { throw CellRewriteError(diagnostics: problems) }

        var writer = SourceLocationWriter(fileLabel: options.fileLabel)
        for line in options.preamble { writer.appendGenerated(line) }

        for item in analysis.items where item.kind == .importDeclaration {
            writer.appendCellCode(item.text, line: item.line, column: item.column)
        }
        var initializerCount = 0
        var forcing: [Int: String] = [:]  // item index -> the entry function's reads of its variables
        for (index, item) in analysis.items.enumerated() {
            switch item.kind {
            case .declaration:
                writer.appendCellCode(item.text, line: item.line, column: item.column)
            case .variable:
                forcing[index] = writeVariable(item, to: &writer, initializerCount: &initializerCount)
            default:
                break
            }
        }
        writer.endCellCode()

        writer.appendGenerated("@_cdecl(\"\(options.entrySymbol)\")")
        writer.appendGenerated("public func \(entryFunctionName)() {")
        writer.appendGenerated("    do {")
        writer.appendGenerated("        try Result<Void, any Error>.success(()).get()  // keeps `catch` reachable")
        for (index, item) in analysis.items.enumerated() {
            switch item.kind {
            case .variable:
                if let reads = forcing[index], !reads.isEmpty {
                    writer.appendCellCode(reads, line: item.line, column: item.column)
                }
            case .statement:
                writer.appendCellCode(item.text, line: item.line, column: item.column)
            case .trailingExpression:
                writer.endCellCode()
                let call = (item.trailingExpressionThrows ? "try " : "") + options.resultFunction
                writer.appendGenerated("        \(call)({")
                writer.appendCellCode(item.text, line: item.line, column: item.column)
                writer.endCellCode()
                writer.appendGenerated("        }())")
            case .importDeclaration, .declaration:
                break
            }
        }
        writer.endCellCode()
        writer.appendGenerated("    } catch {")
        writer.appendGenerated("        \(options.errorFunction)(error)")
        writer.appendGenerated("    }")
        writer.appendGenerated("}")
        return writer.source
    }

    /// Writes a variable declaration at file scope (its throwing initializers moved into `Result`
    /// globals first) and returns the entry function's code that runs its initializers:
    /// `_ = a; _ = try __swiftMarginInitializer1.get(); _ = b`.
    private static func writeVariable(
        _ item: CellItem, to writer: inout SourceLocationWriter, initializerCount: inout Int
    ) -> String {
        var reads: [String] = []
        var text = Array(item.text.utf8)
        var replacements: [(range: Range<Int>, with: String)] = []
        for binding in item.storedBindings {
            if let initializer = binding.throwingInitializer {
                initializerCount += 1
                let result = "\(initializerResultPrefix)\(initializerCount)"
                let resultType = initializer.typeAnnotation.map { "<\($0), any Error>" } ?? ""
                writer.endCellCode()
                writer.appendGenerated("private let \(result) = Result\(resultType) {")
                writer.appendCellCode(initializer.expression, line: initializer.line, column: initializer.column)
                writer.endCellCode()
                writer.appendGenerated("}")
                replacements.append((initializer.rangeInItemText, "try! \(result).get()"))
                reads.append("_ = try \(result).get()")
            }
            reads += binding.names.map { "_ = \($0)" }
        }
        for replacement in replacements.reversed() {
            text.replaceSubrange(replacement.range, with: Array(replacement.with.utf8))
        }
        writer.appendCellCode(String(decoding: text, as: UTF8.self), line: item.line, column: item.column)
        return reads.joined(separator: "; ")
    }
}
