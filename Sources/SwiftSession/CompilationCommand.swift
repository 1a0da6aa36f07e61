/// One entry of a compilation database (`compile_commands.json`), which tells sourcekit-lsp
/// how the editor's document is compiled.
struct CompilationCommand: Encodable {
    /// The folder the command runs in.
    var directory: String
    /// The source file.
    var file: String
    /// The compiler and its arguments.
    var arguments: [String]
}
