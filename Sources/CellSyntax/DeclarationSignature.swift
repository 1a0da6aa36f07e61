import SwiftSyntax

/// The one-line signature shown for a declared name: the declaration's tokens without
/// attributes or body, whitespace (and comments) between tokens collapsed to one space.
enum DeclarationSignature {
    /// Initializers longer than this (after collapsing) are left out of a variable's signature.
    static let longestShownInitializer = 40

    /// The signature of a function, type or type alias declaration; `nil` for other declarations.
    static func of(_ decl: DeclSyntax) -> String? {
        let parts: [(any SyntaxProtocol)?]
        if let function = decl.as(FunctionDeclSyntax.self) {
            parts = [function.modifiers, function.funcKeyword, function.name, function.genericParameterClause,
                     function.signature, function.genericWhereClause]
        } else if let structure = decl.as(StructDeclSyntax.self) {
            parts = [structure.modifiers, structure.structKeyword, structure.name, structure.genericParameterClause,
                     structure.inheritanceClause, structure.genericWhereClause]
        } else if let type = decl.as(ClassDeclSyntax.self) {
            parts = [type.modifiers, type.classKeyword, type.name, type.genericParameterClause,
                     type.inheritanceClause, type.genericWhereClause]
        } else if let enumeration = decl.as(EnumDeclSyntax.self) {
            parts = [enumeration.modifiers, enumeration.enumKeyword, enumeration.name,
                     enumeration.genericParameterClause, enumeration.inheritanceClause,
                     enumeration.genericWhereClause]
        } else if let actor = decl.as(ActorDeclSyntax.self) {
            parts = [actor.modifiers, actor.actorKeyword, actor.name, actor.genericParameterClause,
                     actor.inheritanceClause, actor.genericWhereClause]
        } else if let proto = decl.as(ProtocolDeclSyntax.self) {
            parts = [proto.modifiers, proto.protocolKeyword, proto.name, proto.primaryAssociatedTypeClause,
                     proto.inheritanceClause, proto.genericWhereClause]
        } else if let alias = decl.as(TypeAliasDeclSyntax.self) {
            parts = [alias.modifiers, alias.typealiasKeyword, alias.name, alias.genericParameterClause,
                     alias.initializer, alias.genericWhereClause]
        } else {
            return nil
        }
        return collapsed(parts)
    }

    /// The signature of one binding of a variable declaration: `let x: Int`, `var (a, b) = (1, 2)`;
    /// the initializer is shown only when it is short.
    static func of(_ binding: PatternBindingSyntax, in variable: VariableDeclSyntax) -> String {
        var parts: [(any SyntaxProtocol)?] = [variable.modifiers, variable.bindingSpecifier, binding.pattern,
                                               binding.typeAnnotation]
        if let initializer = binding.initializer,
           collapsed([initializer.value]).count <= longestShownInitializer {
            parts.append(initializer)
        }
        return collapsed(parts)
    }

    /// The tokens of `parts` in order, separated by one space where the source had any trivia
    /// (or a gap) between them, but never just inside brackets or before a comma.
    static func collapsed(_ parts: [(any SyntaxProtocol)?]) -> String {
        var result = ""
        var previous: TokenSyntax?
        for part in parts.compactMap({ $0 }) {
            for token in part.tokens(viewMode: .sourceAccurate) {
                if let previous {
                    let adjacent = previous.endPosition == token.position
                    let separated = !adjacent || !previous.trailingTrivia.isEmpty || !token.leadingTrivia.isEmpty
                    let opens = [TokenKind.leftParen, .leftSquare].contains(previous.tokenKind)
                    let closes = [TokenKind.rightParen, .rightSquare, .comma].contains(token.tokenKind)
                    if separated && !opens && !closes { result += " " }
                }
                result += token.text
                previous = token
            }
        }
        return result
    }
}
