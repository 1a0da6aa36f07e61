#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

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
        let stdout: (read: Int32, write: Int32)
        let stderr: (read: Int32, write: Int32)
        do {
            stdout = try Self.makePipe()
        } catch {
            close(stdin.read); close(stdin.write)
            throw error
        }
        do {
            stderr = try Self.makePipe()
        } catch {
            close(stdin.read); close(stdin.write); close(stdout.read); close(stdout.write)
            throw error
        }
        let processID: pid_t
        do {
            processID = try spawn(stdin: stdin.read, stdout: stdout.write, stderr: stderr.write)
        } catch {
            for fd in [stdin.read, stdin.write, stdout.read, stdout.write, stderr.read, stderr.write] { close(fd) }
            throw error
        }
        // The child's ends now belong to the child.
        close(stdin.read); close(stdout.write); close(stderr.write)
        _ = fcntl(stdin.write, F_SETFL, fcntl(stdin.write, F_GETFL) | O_NONBLOCK)

        let exchange = Self.withSIGPIPEBlocked {
            Self.exchange(input: input, stdin: stdin.write, stdout: stdout.read, stderr: stderr.read, deadline: deadline)
        }
        close(stdout.read); close(stderr.read)
        switch exchange {
        case .success(let (output, error)):
            return Outcome(standardOutput: output, standardError: error, status: Self.waitForExit(processID))
        case .failure(let failure):
            kill(processID, SIGKILL)
            _ = Self.waitForExit(processID)
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

    /// Starts the program with the given descriptors as its 0, 1 and 2, with an empty
    /// signal mask and SIGPIPE at its default action (whatever this process does with it).
    private func spawn(stdin: Int32, stdout: Int32, stderr: Int32) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var processID: pid_t = 0
        let status = posix_spawn(&processID, executable, &actions, &attributes, argv, environ)
        guard status == 0 else { throw .launch(String(cString: strerror(status))) }
        return processID
    }

    /// A pipe whose ends are close-on-exec and numbered 3 or above, so mapping them onto
    /// the child's 0, 1 and 2 never overwrites another end.
    private static func makePipe() throws(Failure) -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw .system("cannot create a pipe: \(String(cString: strerror(errno)))") }
        let lifted = ends.map { fcntl($0, F_DUPFD_CLOEXEC, 3) }
        ends.forEach { close($0) }
        guard lifted.allSatisfy({ $0 >= 0 }) else {
            lifted.filter { $0 >= 0 }.forEach { close($0) }
            throw .system("cannot duplicate a pipe descriptor: \(String(cString: strerror(errno)))")
        }
        return (lifted[0], lifted[1])
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

    /// Waits for the program to end; its exit status, or 128 + the signal that ended it.
    private static func waitForExit(_ processID: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(processID, &status, 0) < 0 {
            if errno != EINTR { return -1 }
        }
        return status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }
}
