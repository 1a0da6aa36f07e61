import SwiftSyntax

/// Splits a cell into its top-level items and finds what it declares, all with swift-syntax.
///
/// ```swift
/// let analysis = CellAnalyzer.analyze("import Foundation\nlet x = 2\nprint(x)\nx * 3")
/// analysis.items.map(\.kind)  // [.importDeclaration, .variable(bindings: ["x"], forcible: true),
///                             //  .statement, .trailingExpression]
/// analysis.declaredNames      // [DeclaredName(name: "x", kind: .constant, line: 2, signature: "let x = 2")]
/// ```
public enum CellAnalyzer {
    /// The message for a top-level stored variable without an initializer.
    static let missingInitialValueMessage = "a top-level variable in a cell needs an initial value"

    /// The items, declared names, syntax errors and trailing expression of the cell `source`.
    public static func analyze(_ source: String) -> CellAnalysis {
        let cell = ParsedCell(source)
        var builder = AnalysisBuilder(cell: cell)
        let blocks = Array(cell.tree.statements)
        for (index, block) in blocks.enumerated() {
            builder.add(block.item, isLast: index == blocks.count - 1)
        }
        var analysis = CellAnalysis(
            items: builder.items, declaredNames: builder.declaredNames,
            syntaxErrors: SyntaxErrorCollector.diagnostics(in: cell).filter { $0.severity == .error },
            hasTrailingExpression: builder.items.last?.kind == .trailingExpression,
            exportsDeclarations: builder.exportsDeclarations,
            rewriteProblems: builder.problems.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
        analysis.declaresUnnamedDeclarations = builder.declaresUnnamedDeclarations
        return analysis
    }
}

/// Accumulates a cell's analysis one top-level item at a time.
private struct AnalysisBuilder {
    let cell: ParsedCell
    var items: [CellItem] = []
    var declaredNames: [DeclaredName] = []
    var exportsDeclarations = false
    var declaresUnnamedDeclarations = false
    var problems: [CellDiagnostic] = []

    init(cell: ParsedCell) { self.cell = cell }

    /// Adds one top-level item; `isLast` allows an expression to become the trailing expression.
    mutating func add(_ item: CodeBlockItemSyntax.Item, isLast: Bool) {
        // Cases tested one by one rather than switched over: the toolchain's swift-syntax is
        // built with library evolution, so its enums may gain cases.
        if case .decl(let decl) = item {
            addDeclaration(decl)
        } else if case .stmt(let statement) = item {
            if let expression = statement.as(ExpressionStmtSyntax.self) {
                addExpression(expression.expression, isLast: isLast)
            } else if let guardStatement = statement.as(GuardStmtSyntax.self) {
                addGuard(guardStatement)
            } else {
                addStatement(statement)
            }
        } else if case .expr(let expression) = item {
            addExpression(expression, isLast: isLast)
        }
    }

    /// Imports and declarations stay at file scope; `#if` blocks with statements and macro
    /// expansions run in the entry function.
    private mutating func addDeclaration(_ decl: DeclSyntax) {
        if decl.is(ImportDeclSyntax.self) {
            append(.importDeclaration, for: decl)
        } else if let variable = decl.as(VariableDeclSyntax.self) {
            addVariable(variable)
        } else if decl.is(MacroExpansionDeclSyntax.self) || decl.is(UnexpectedCodeDeclSyntax.self)
                    || decl.is(MissingDeclSyntax.self) || isConditionalCode(decl) {
            addStatement(decl)
        } else {
            append(.declaration, for: decl, keepingDocumentation: true)
            let names = DeclaredNameCollector.names(declaredBy: decl, in: cell)
            declaredNames += names
            if DeclaredNameCollector.isVisibleToOtherFiles(decl) {
                exportsDeclarations = true
                if names.isEmpty { declaresUnnamedDeclarations = true }
            }
        }
    }

    /// Whether `decl` is an `#if` block containing statements, which must run in the entry function.
    private func isConditionalCode(_ decl: DeclSyntax) -> Bool {
        guard let conditional = decl.as(IfConfigDeclSyntax.self) else { return false }
        return conditional.clauses.contains { clause in
            guard case .statements(let statements)? = clause.elements else { return false }
            return statements.contains { block in
                if case .decl(let inner) = block.item { return isConditionalCode(inner) }
                return true
            }
        }
    }

    /// A `let`/`var` becomes a global, with the bindings the entry function forces.
    private mutating func addVariable(_ variable: VariableDeclSyntax) {
        if variable.modifiers.contains(where: { $0.name.tokenKind == .keyword(.async) }) {
            addAsyncLet(variable)
            return
        }
        let start = startOffset(of: variable, keepingDocumentation: true)
        var names: [String] = []
        var storedBindings: [StoredBinding] = []
        var selfReferences: [SelfReference] = []
        for binding in variable.bindings {
            let identifiers = PatternNames.identifiers(in: binding.pattern)
            names += identifiers.map(PatternNames.spelling)
            if let initializer = binding.initializer {
                guard !identifiers.isEmpty else { continue }
                storedBindings.append(StoredBinding(
                    names: identifiers.map(PatternNames.spelling),
                    effectfulInitializer: effectfulInitializer(initializer.value, of: binding, itemStart: start)))
                selfReferences += SelfReference.references(
                    to: Set(identifiers.map(PatternNames.bareName)), in: initializer.value, itemStart: start)
            } else if !isComputed(binding) && !(isVar(variable) && hasOptionalType(binding)) {
                let (line, column) = cell.location(of: binding.pattern.positionAfterSkippingLeadingTrivia)
                problems.append(CellDiagnostic(line: line, column: column,
                                               message: CellAnalyzer.missingInitialValueMessage))
            }
        }
        guard !names.isEmpty else {
            // `let _ = f()` binds nothing, which a global cannot do: it runs as a statement.
            addStatement(variable)
            return
        }
        var item = makeItem(.variable(bindings: names, forcible: !storedBindings.isEmpty), from: start,
                            to: variable.endPositionBeforeTrailingTrivia.utf8Offset)
        item.storedBindings = storedBindings
        item.selfReferences = selfReferences
        items.append(item)
        declaredNames += DeclaredNameCollector.names(declaredBy: DeclSyntax(variable), in: cell)
        if DeclaredNameCollector.isVisibleToOtherFiles(DeclSyntax(variable)) { exportsDeclarations = true }
    }

    /// `async let x = f()` runs in an awaited closure that returns `try await x`; `x` becomes a global.
    private mutating func addAsyncLet(_ variable: VariableDeclSyntax) {
        let identifiers = variable.bindings.flatMap { PatternNames.identifiers(in: $0.pattern) }
        guard !identifiers.isEmpty else {
            addStatement(variable)
            return
        }
        let start = startOffset(of: variable, keepingDocumentation: true)
        var selfReferences: [SelfReference] = []
        for binding in variable.bindings {
            guard let initializer = binding.initializer else { continue }
            selfReferences += SelfReference.references(
                to: Set(PatternNames.identifiers(in: binding.pattern).map(PatternNames.bareName)),
                in: initializer.value, itemStart: start)
        }
        let hoisted = HoistedBinding(
            names: identifiers.map { HoistedBinding.Name(spelling: PatternNames.spelling($0), isVariable: false) },
            throwing: true, awaiting: true, returnMarkers: "try await ")
        appendHoisted(hoisted, for: variable, from: start, selfReferences: selfReferences)
        declaredNames += DeclaredNameCollector.names(declaredBy: DeclSyntax(variable), in: cell)
    }

    /// A top-level `guard` that binds names runs in a closure returning them; each becomes a global.
    /// Without bindings it is an ordinary statement.
    private mutating func addGuard(_ guardStatement: GuardStmtSyntax) {
        let start = guardStatement.positionAfterSkippingLeadingTrivia.utf8Offset
        var names: [HoistedBinding.Name] = []
        var selfReferences: [SelfReference] = []
        var boundBefore = Set<String>()
        let conditions = guardStatement.conditions.map { GuardConditionBindings($0.condition) }
        let allNames = Set(conditions.flatMap { $0.identifiers.map { PatternNames.bareName($0.token) } })
        for condition in conditions {
            let unboundYet = allNames.subtracting(boundBefore)
            if let value = condition.initializerValue {
                selfReferences += SelfReference.references(to: unboundYet, in: value, itemStart: start)
            } else if let shorthand = condition.shorthandName {
                let end = shorthand.endPositionBeforeTrailingTrivia.utf8Offset - start
                selfReferences.append(SelfReference(
                    rangeInItemText: end..<end, spelling: PatternNames.spelling(shorthand),
                    name: PatternNames.bareName(shorthand), isShorthandBinding: true))
            }
            for identifier in condition.identifiers {
                names.append(HoistedBinding.Name(spelling: PatternNames.spelling(identifier.token), isVariable: identifier.isVariable))
                boundBefore.insert(PatternNames.bareName(identifier.token))
            }
        }
        guard !names.isEmpty else {
            addStatement(guardStatement)
            return
        }
        let effects = EffectMarkers(in: guardStatement)
        let hoisted = HoistedBinding(
            names: names, throwing: effects.canThrow, awaiting: !effects.awaits.isEmpty, returnMarkers: "")
        appendHoisted(hoisted, for: guardStatement, from: start, selfReferences: selfReferences)
        declaredNames += conditions.flatMap(\.identifiers).map { identifier in
            DeclaredName(
                name: PatternNames.bareName(identifier.token), kind: identifier.isVariable ? .variable : .constant,
                line: cell.location(of: identifier.token.positionAfterSkippingLeadingTrivia).line,
                signature: "\(identifier.isVariable ? "var" : "let") \(identifier.token.text)")
        }
    }

    /// Appends a variable item bound by `hoisted` code.
    private mutating func appendHoisted(
        _ hoisted: HoistedBinding, for node: some SyntaxProtocol, from start: Int, selfReferences: [SelfReference]
    ) {
        var item = makeItem(.variable(bindings: hoisted.names.map(\.spelling), forcible: true), from: start,
                            to: node.endPositionBeforeTrailingTrivia.utf8Offset)
        item.storedBindings = []
        item.hoistedBinding = hoisted
        item.selfReferences = selfReferences
        items.append(item)
        exportsDeclarations = true
    }

    /// The initializer `value` as an effectful initializer if it contains a `try` or an `await` outside closures.
    private func effectfulInitializer(
        _ value: ExprSyntax, of binding: PatternBindingSyntax, itemStart: Int
    ) -> EffectfulInitializer? {
        let effects = EffectMarkers(in: value)
        guard !effects.plainTries.isEmpty || !effects.awaits.isEmpty else { return nil }
        let lower = value.positionAfterSkippingLeadingTrivia.utf8Offset
        let upper = value.endPositionBeforeTrailingTrivia.utf8Offset
        let (line, column) = cell.location(ofOffset: lower)
        return EffectfulInitializer(
            expression: cell.text(lower..<upper), line: line, column: column,
            typeAnnotation: binding.typeAnnotation.map { cell.trimmedText(of: $0.type) },
            rangeInItemText: (lower - itemStart)..<(upper - itemStart),
            throwing: !effects.plainTries.isEmpty, awaiting: !effects.awaits.isEmpty)
    }

    /// Whether the declaration is a `var` (not a `let`).
    private func isVar(_ variable: VariableDeclSyntax) -> Bool {
        variable.bindingSpecifier.tokenKind == .keyword(.var)
    }

    /// Whether a binding has a getter (a computed variable) rather than only `willSet`/`didSet`.
    private func isComputed(_ binding: PatternBindingSyntax) -> Bool {
        guard let block = binding.accessorBlock?.accessors else { return false }
        guard case .accessors(let accessors) = block else { return true }  // a getter's body
        return accessors.contains { accessor in
            ![.keyword(.willSet), .keyword(.didSet)].contains(accessor.accessorSpecifier.tokenKind)
        }
    }

    /// Whether a binding's type is optional, which gives a global `var` the initial value `nil`.
    private func hasOptionalType(_ binding: PatternBindingSyntax) -> Bool {
        guard let type = binding.typeAnnotation?.type else { return false }
        return type.is(OptionalTypeSyntax.self) || type.is(ImplicitlyUnwrappedOptionalTypeSyntax.self)
            || type.as(IdentifierTypeSyntax.self)?.name.text == "Optional"
    }

    /// Code that runs in the entry function.
    private mutating func addStatement(_ node: some SyntaxProtocol) {
        append(.statement, for: node)
    }

    /// An expression runs as a statement, unless it is last and publishes its value.
    private mutating func addExpression(_ expression: ExprSyntax, isLast: Bool) {
        guard isLast && ResultExpression.publishes(expression) else {
            append(.statement, for: expression)
            return
        }
        append(.trailingExpression, for: expression)
    }

    /// Appends `node` as an item of `kind`; its text starts at its doc comment when `keepingDocumentation`.
    private mutating func append(_ kind: CellItem.Kind, for node: some SyntaxProtocol, keepingDocumentation: Bool = false) {
        let start = startOffset(of: node, keepingDocumentation: keepingDocumentation)
        items.append(makeItem(kind, from: start, to: node.endPositionBeforeTrailingTrivia.utf8Offset))
    }

    /// Where a node's text starts: its first token, or its doc comment when asked to keep it.
    private func startOffset(of node: some SyntaxProtocol, keepingDocumentation: Bool = false) -> Int {
        if keepingDocumentation, let first = node.firstToken(viewMode: .sourceAccurate),
           let documentation = DocumentationComment(trivia: first.leadingTrivia) {
            return first.position.utf8Offset + documentation.offsetInTrivia
        }
        return node.positionAfterSkippingLeadingTrivia.utf8Offset
    }

    /// An item for the source text between two UTF-8 offsets.
    private func makeItem(_ kind: CellItem.Kind, from start: Int, to end: Int) -> CellItem {
        let (line, column) = cell.location(ofOffset: start)
        return CellItem(kind: kind, text: cell.text(start..<max(start, end)), line: line, column: column)
    }
}
