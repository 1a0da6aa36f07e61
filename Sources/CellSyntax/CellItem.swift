import SwiftParser

/// One top-level item of a cell (an import, a declaration, a variable, a statement or the
/// trailing expression), with its exact source text and where it starts.
public struct CellItem: Sendable, Equatable {
    /// What an item is, which decides where the generated library puts it.
    public enum Kind: Sendable, Equatable {
        /// `import Module` (kept at file scope, before everything else).
        case importDeclaration
        /// A `func`, type, `extension`, `typealias`, operator or other declaration (file scope).
        case declaration
        /// A `let`/`var` declaration: a global at file scope, forced in the entry function when
        /// `forcible` (it has an initializer to run). `bindings` are every name it binds, in order.
        case variable(bindings: [String], forcible: Bool)
        /// Code that runs in the entry function, in source order.
        case statement
        /// The cell's last item when it is a value-producing expression: its value is published.
        case trailingExpression
    }

    /// What the item is.
    public var kind: Kind
    /// The item's exact source text, without leading trivia (except a declaration's doc comment,
    /// which is kept and where the item then starts) and without trailing trivia or `;`.
    public var text: String
    /// The 1-based line where `text` starts in the cell.
    public var line: Int
    /// The 1-based column where `text` starts, counted in UTF-8 bytes as swiftc counts columns.
    public var column: Int

    /// For a variable: what the entry function forces, one entry per stored binding with an initializer.
    var storedBindings: [StoredBinding]
    /// For a variable bound by a top-level `guard` or `async let`: how the library binds it.
    var hoistedBinding: HoistedBinding?
    /// For a variable: uses of its own names in its initializer, which mean earlier cells' definitions.
    var selfReferences: [SelfReference] = []
    /// For a statement or the trailing expression: whether it can throw out of the cell
    /// (a `try`, not `try?`/`try!`, or a `throw`, outside closures).
    var canThrow: Bool
    /// For a statement or the trailing expression: whether it awaits outside closures.
    var awaits: Bool

    /// An item with its kind, text and position. A forcible variable built here forces all of its
    /// bindings (`CellAnalyzer` also finds effectful initializers, `guard` bindings and self
    /// references, which this initializer does not).
    public init(kind: Kind, text: String, line: Int, column: Int) {
        self.kind = kind
        self.text = text
        self.line = line
        self.column = column
        if case .variable(let bindings, true) = kind {
            storedBindings = [StoredBinding(names: bindings)]
        } else {
            storedBindings = []
        }
        hoistedBinding = nil
        if kind == .statement || kind == .trailingExpression {
            let effects = EffectMarkers(in: Parser.parse(source: text))
            canThrow = effects.canThrow
            awaits = !effects.awaits.isEmpty
        } else {
            canThrow = false
            awaits = false
        }
    }
}
