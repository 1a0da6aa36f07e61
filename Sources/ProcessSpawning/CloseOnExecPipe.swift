#if canImport(Glibc)
import Glibc
#endif
import CProcessControl

/// A pipe whose two ends are close-on-exec, so a child gets an end only through
/// ``ChildProcess``'s descriptor map. The owner closes both ends.
///
///     let pipe = try CloseOnExecPipe()
///     let child = try ChildProcess.spawn(arguments: ["/bin/cat"], descriptors: [0: pipe.readEnd])
public struct CloseOnExecPipe: Sendable {
    /// The end to read from.
    public let readEnd: Int32
    /// The end to write to.
    public let writeEnd: Int32

    /// A new pipe (`pipe2` with `O_CLOEXEC`, so no child started meanwhile inherits it).
    /// - Throws: `SpawnError.pipe` with the system's reason.
    public init() throws(SpawnError) {
        var ends: [Int32] = [0, 0]
        guard process_pipe_cloexec(&ends) == 0 else { throw .pipe(String(cString: strerror(errno))) }
        readEnd = ends[0]
        writeEnd = ends[1]
    }
}
