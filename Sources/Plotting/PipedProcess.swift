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
        /// A pipe or poll call failed (the system's error text).
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
        _ = fcntl(stdin.writeEnd, F_SETFL, fcntl(stdin.writeEnd, F_GETFL) | O_NONBLOCK)

        let exchange = Self.withSIGPIPEBlocked {
            Self.exchange(
                input: input, stdin: stdin.writeEnd, stdout: stdout.readEnd, stderr: stderr.readEnd, deadline: deadline)
        }
        close(stdout.readEnd); close(stderr.readEnd)
        switch exchange {
        case .success(let (output, error)):
            return Outcome(standardOutput: output, standardError: error, status: child.waitForExit())
        case .failure(let failure):
            kill(child.processID, SIGKILL)
            _ = child.waitForExit()
            throw failure
        }
    }

    /// Writes `input` and reads both outputs until the program closes them (or the deadline).
    /// Closes `stdin` in every case.
    private static func exchange(
        input: Data, stdin: Int32, stdout: Int32, stderr: Int32, deadline: Double
    ) -> Result<(Data, Data), Failure> {
        let start = DispatchTime.now().uptimeNanoseconds
        var writeEnd: Int32? = stdin
        var written = 0
        var output = Data()
        var error = Data()
        var openReads: [Int32: Bool] = [stdout: true, stderr: true]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        defer { if let writeEnd { close(writeEnd) } }
        if input.isEmpty, let end = writeEnd {
            close(end)
            writeEnd = nil
        }
        while writeEnd != nil || openReads.values.contains(true) {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            guard elapsed < deadline else { return .failure(.deadline(seconds: deadline)) }
            var fds: [pollfd] = []
            if let end = writeEnd { fds.append(pollfd(fd: end, events: Int16(POLLOUT), revents: 0)) }
            for fd in [stdout, stderr] where openReads[fd] == true {
                fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
            }
            let timeout = Int32(max(1, min(1000, (deadline - elapsed) * 1000)))
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                return .failure(.system("poll failed: \(String(cString: strerror(errno)))"))
            }
            for entry in fds where entry.revents != 0 {
                if entry.fd == writeEnd {
                    let count = input.withUnsafeBytes { raw in
                        write(entry.fd, raw.baseAddress! + written, min(raw.count - written, 65_536))
                    }
                    if count > 0 { written += count }
                    // EPIPE: the program stopped reading (it failed); what it said is on stderr.
                    if (count < 0 && errno != EAGAIN && errno != EINTR) || written == input.count {
                        close(entry.fd)
                        writeEnd = nil
                    }
                } else {
                    let count = read(entry.fd, &buffer, buffer.count)
                    if count > 0 {
                        if entry.fd == stdout { output.append(buffer, count: count) } else { error.append(buffer, count: count) }
                    } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                        openReads[entry.fd] = false
                    }
                }
            }
        }
        return .success((output, error))
    }

    /// A close-on-exec pipe, or `.system` with the reason.
    private static func makePipe() throws(Failure) -> CloseOnExecPipe {
        do {
            return try CloseOnExecPipe()
        } catch {
            throw .system(error.description)
        }
    }

    /// Runs `body` with SIGPIPE blocked on this thread, then discards a SIGPIPE that writing
    /// to a closed pipe raised meanwhile (so it neither kills nor later surprises the caller).
    private static func withSIGPIPEBlocked<R>(_ body: () -> R) -> R {
        var pipeSignal = sigset_t()
        sigemptyset(&pipeSignal)
        sigaddset(&pipeSignal, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &pipeSignal, &previous)
        let result = body()
        var pending = sigset_t()
        sigpending(&pending)
        if sigismember(&pending, SIGPIPE) == 1, sigismember(&previous, SIGPIPE) == 0 {
            var noWait = timespec(tv_sec: 0, tv_nsec: 0)
            _ = sigtimedwait(&pipeSignal, nil, &noWait)
        }
        pthread_sigmask(SIG_SETMASK, &previous, nil)
        return result
    }
}
