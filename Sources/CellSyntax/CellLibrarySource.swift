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
/// Top-level code that awaits runs through `__awaitCell { ... }` (a statement, an initializer,
/// the trailing expression); a top-level `guard` that binds names and an `async let` run in a
/// closure whose results become globals (`HoistedBinding`); a variable's initializer that uses
/// the variable's own name reads the earlier cell's definition (`SelfReference`).
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
    ///   library cannot express (a top-level variable without an initial value).
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
                forcing[index] = item.hoistedBinding == nil
                    ? writeVariable(item, options: options, to: &writer, initializerCount: &initializerCount)
                    : writeHoistedVariable(item, options: options, to: &writer, initializerCount: &initializerCount)
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
            case .statement where item.awaits:
                writer.endCellCode()
                writer.appendGenerated("        \(item.canThrow ? "try " : "")\(options.awaitFunction) {")
                writer.appendCellCode(item.text, line: item.line, column: item.column)
                writer.endCellCode()
                writer.appendGenerated("        }")
            case .statement:
                writer.appendCellCode(item.text, line: item.line, column: item.column)
            case .trailingExpression:
                writer.endCellCode()
                let call = (item.canThrow ? "try " : "") + options.resultFunction
                writer.appendGenerated(item.awaits ? "        \(call)(\(options.awaitFunction) {" : "        \(call)({")
                writer.appendCellCode(item.text, line: item.line, column: item.column)
                writer.endCellCode()
                writer.appendGenerated(item.awaits ? "        })" : "        }())")
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

    /// Writes a variable declaration at file scope (its effectful initializers moved into private
    /// globals first, its self references qualified) and returns the entry function's code that
    /// runs its initializers: `_ = a; _ = try __swiftMarginInitializer1.get(); _ = b`.
    private static func writeVariable(
        _ item: CellItem, options: CellLibraryOptions, to writer: inout SourceLocationWriter, initializerCount: inout Int
    ) -> String {
        var reads: [String] = []
        var edits = qualifications(of: item, options: options)
        for binding in item.storedBindings {
            if let initializer = binding.effectfulInitializer {
                initializerCount += 1
                let result = "\(initializerResultPrefix)\(initializerCount)"
                let range = initializer.rangeInItemText
                let inner = edits.filter { range.contains($0.range.lowerBound) }
                edits.removeAll { range.contains($0.range.lowerBound) }
                let expression = TextEdits.apply(
                    inner.map { (($0.range.lowerBound - range.lowerBound)..<($0.range.upperBound - range.lowerBound), $0.text) },
                    to: initializer.expression)
                writer.endCellCode()
                let awaitOpening = initializer.awaiting ? "\(options.awaitFunction) {" : ""
                if initializer.throwing {
                    let resultType = initializer.typeAnnotation.map { "<\($0), any Error>" } ?? ""
                    writer.appendGenerated("private let \(result) = Result\(resultType) {" + (initializer.awaiting ? " try \(awaitOpening)" : ""))
                    writer.appendCellCode(expression, line: initializer.line, column: initializer.column)
                    writer.endCellCode()
                    writer.appendGenerated(initializer.awaiting ? "} }" : "}")
                    edits.append((range, "try! \(result).get()"))
                    reads.append("_ = try \(result).get()")
                } else {
                    let annotation = initializer.typeAnnotation.map { ": \($0)" } ?? ""
                    writer.appendGenerated("private let \(result)\(annotation) = \(awaitOpening)")
                    writer.appendCellCode(expression, line: initializer.line, column: initializer.column)
                    writer.endCellCode()
                    writer.appendGenerated("}")
                    edits.append((range, result))
                }
            }
            reads += binding.names.map { "_ = \($0)" }
        }
        writer.appendCellCode(TextEdits.apply(edits, to: item.text), line: item.line, column: item.column)
        return reads.joined(separator: "; ")
    }

    /// Writes code that binds names in a closure (a top-level `guard`, an `async let`) and one
    /// global per name from the closure's result; returns the entry function's reads of them.
    private static func writeHoistedVariable(
        _ item: CellItem, options: CellLibraryOptions, to writer: inout SourceLocationWriter, initializerCount: inout Int
    ) -> String {
        guard let hoisted = item.hoistedBinding else { return "" }
        initializerCount += 1
        let result = "\(initializerResultPrefix)\(initializerCount)"
        let (opening, closing, access): (String, String, String)
        switch (hoisted.throwing, hoisted.awaiting) {
        case (false, false): (opening, closing, access) = ("{", "}()", result)
        case (false, true): (opening, closing, access) = ("\(options.awaitFunction) {", "}", result)
        case (true, false): (opening, closing, access) = ("Result { try {", "}() }", "try! \(result).get()")
        case (true, true): (opening, closing, access) = ("Result { try \(options.awaitFunction) {", "} }", "try! \(result).get()")
        }
        let spellings = hoisted.names.map(\.spelling)
        let returned = spellings.count == 1 ? spellings[0] : "(\(spellings.joined(separator: ", ")))"
        writer.endCellCode()
        writer.appendGenerated("private let \(result) = \(opening)")
        writer.appendCellCode(TextEdits.apply(qualifications(of: item, options: options), to: item.text),
                              line: item.line, column: item.column)
        writer.endCellCode()
        writer.appendGenerated("return \(hoisted.returnMarkers)\(returned) \(closing)")
        for (index, name) in hoisted.names.enumerated() {
            let element = hoisted.names.count == 1 ? "" : ".\(index)"
            let value = hoisted.throwing ? "(\(access))\(element)" : "\(access)\(element)"
            writer.appendGenerated("\(name.isVariable ? "var" : "let") \(name.spelling) = \(value)")
        }
        let forced = hoisted.throwing ? ["_ = try \(result).get()"] : []
        return (forced + spellings.map { "_ = \($0)" }).joined(separator: "; ")
    }

    /// The edits that make an item's self references name the earlier cells' definitions
    /// (references to names no earlier cell defined are left for swiftc to report).
    private static func qualifications(of item: CellItem, options: CellLibraryOptions) -> [(range: Range<Int>, text: String)] {
        item.selfReferences.compactMap { reference in
            options.earlierDefinitions[reference.name].map { (reference.rangeInItemText, reference.replacement(module: $0)) }
        }
    }
}
