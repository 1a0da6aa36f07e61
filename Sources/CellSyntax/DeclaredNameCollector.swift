import SwiftSyntax

/// The names a top-level declaration makes visible to later cells, with signatures and docs.
enum DeclaredNameCollector {
    /// The names `decl` declares, or `[]` for declarations without a name of their own
    /// (extensions, operators, imports) and for `private`/`fileprivate` declarations.
    static func names(declaredBy decl: DeclSyntax, in cell: ParsedCell) -> [DeclaredName] {
        guard isVisibleToOtherFiles(decl) else { return [] }
        let documentation = decl.firstToken(viewMode: .sourceAccurate)
            .flatMap { DocumentationComment(trivia: $0.leadingTrivia)?.text }

        if let variable = decl.as(VariableDeclSyntax.self) {
            let kind: DeclarationKind = variable.bindingSpecifier.tokenKind == .keyword(.let) ? .constant : .variable
            return variable.bindings.flatMap { binding in
                let signature = DeclarationSignature.of(binding, in: variable)
                return PatternNames.identifiers(in: binding.pattern).map { identifier in
                    DeclaredName(
                        name: PatternNames.bareName(identifier), kind: kind,
                        line: cell.location(of: identifier.positionAfterSkippingLeadingTrivia).line,
                        signature: signature, documentation: documentation)
                }
            }
        }
        guard let (name, kind) = nameAndKind(of: decl), let signature = DeclarationSignature.of(decl) else {
            return []
        }
        return [DeclaredName(
            name: PatternNames.bareName(name), kind: kind,
            line: cell.location(of: name.positionAfterSkippingLeadingTrivia).line,
            signature: signature, documentation: documentation)]
    }

    /// Whether `decl` can be seen from another file (and so from a later cell): not `private`
    /// or `fileprivate`.
    static func isVisibleToOtherFiles(_ decl: DeclSyntax) -> Bool {
        guard let modifiers = decl.asProtocol(WithModifiersSyntax.self)?.modifiers else { return true }
        return !modifiers.contains { modifier in
            modifier.name.tokenKind == .keyword(.private) || modifier.name.tokenKind == .keyword(.fileprivate)
        }
    }

    /// The name token and kind of a named, non-variable declaration.
    private static func nameAndKind(of decl: DeclSyntax) -> (TokenSyntax, DeclarationKind)? {
        if let function = decl.as(FunctionDeclSyntax.self) { return (function.name, .function) }
        if let structure = decl.as(StructDeclSyntax.self) { return (structure.name, .structure) }
        if let type = decl.as(ClassDeclSyntax.self) { return (type.name, .class) }
        if let enumeration = decl.as(EnumDeclSyntax.self) { return (enumeration.name, .enumeration) }
        if let proto = decl.as(ProtocolDeclSyntax.self) { return (proto.name, .protocol) }
        if let alias = decl.as(TypeAliasDeclSyntax.self) { return (alias.name, .typeAlias) }
        if let actor = decl.as(ActorDeclSyntax.self) { return (actor.name, .actor) }
        return nil
    }
}
