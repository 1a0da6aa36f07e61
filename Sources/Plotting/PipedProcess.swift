#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import ProcessSpawning

/// One run of a program that is fed its standard input and whose standard output and error
/// are collected: started with `posix_spawn` and served by `poll` on the calling thread.
///
/// No helper threads, no Foundation `Process`: a notebook cell runs in a process forked
/// from the executor, where threads the parent started do not exist, so only code that
/// stays on the calling thread works after every fork. Input, output and error are served
/// together, so a large image on standard output cannot fill its pipe while we are still
/// writing the script (the deadlock of writing everything first, then reading).
struct PipedProcess {
    /// What the program wrote and how it ended.
    struct Outcome {
        var standardOutput: Data
        var standardError: Data
        /// The exit status, or 128 + the signal that ended the program.
        var status: Int32
    }

    /// Why a run could not be completed.
    enum Failure: Error, Equatable {
        /// The program could not be started (`posix_spawn`'s error text).
        case launch(String)
        /// The program did not finish within the deadline and was killed.
        case deadline(seconds: Double)
        /// A pipe could not be made, or the program started (the system's error text).
        case system(String)
    }

    /// The program's absolute path.
    let executable: String
    /// The arguments after the program's name.
    let arguments: [String]

    /// Runs the program with `input` on its standard input (closed after it), waiting at
    /// most `deadline` seconds for it to finish; on expiry it is killed with SIGKILL.
    func run(input: Data, deadline: Double) throws(Failure) -> Outcome {
        let stdin = try Self.makePipe()
        let stdout: CloseOnExecPipe
        let stderr: CloseOnExecPipe
        do {
            stdout = try Self.makePipe()
        } catch {
            close(stdin.readEnd); close(stdin.writeEnd)
            throw error
        }
        do {
            stderr = try Self.makePipe()
        } catch {
            close(stdin.readEnd); close(stdin.writeEnd); close(stdout.readEnd); close(stdout.writeEnd)
            throw error
        }
        let child: ChildProcess
        do {
            // No signal blocked and SIGPIPE at its default action, whatever this process does.
            child = try ChildProcess.spawn(
                arguments: [executable] + arguments,
                descriptors: [0: stdin.readEnd, 1: stdout.writeEnd, 2: stderr.writeEnd],
                signals: .emptyMaskAndDefaultSIGPIPE)
        } catch {
            for fd in [stdin.readEnd, stdin.writeEnd, stdout.readEnd, stdout.writeEnd, stderr.readEnd, stderr.writeEnd] {
                close(fd)
            }
            if case .launch(_, let reason) = error { throw .launch(reason) }
            throw .system(error.description)
        }
        // The child's ends now belong to the child.
        close(stdin.readEnd); close(stdout.writeEnd); close(stderr.writeEnd)
        var drain = PipeDrain()
        drain.read(stdout.readEnd)
        drain.read(stderr.readEnd)
        drain.write(input, to: stdin.writeEnd)
        let ending = drain.run(deadline: .now + .seconds(deadline))
        drain.closeAll()
        guard ending == .finished else {
            child.kill()
            throw .deadline(seconds: deadline)
        }
        return Outcome(
            standardOutput: Data(drain.bytes(of: stdout.readEnd)), standardError: Data(drain.bytes(of: stderr.readEnd)),
            status: child.waitForExit())
    }

    /// A close-on-exec pipe, or `.system` with the reason.
    private static func makePipe() throws(Failure) -> CloseOnExecPipe {
        do {
            return try CloseOnExecPipe()
        } catch {
            throw .system(error.description)
        }
    }
}
